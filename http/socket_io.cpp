#include "http/socket_io.hpp"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>

namespace mock::http::socket_io {
namespace {
using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

bool wait_for(int fd, short events, milliseconds timeout) {
  pollfd watched{fd, events, 0};
  const auto deadline = SteadyClock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - SteadyClock::now());
    const int ready = ::poll(&watched, 1, static_cast<int>(std::max<milliseconds::rep>(left.count(), 0)));
    if (ready > 0) return true;
    if (ready == 0 || errno != EINTR) return false;
  }
}

bool address_of(const sockaddr_storage& address, std::string& ip, int& port) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (address.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
    if (::inet_ntop(AF_INET, &v4->sin_addr, text.data(), text.size()) == nullptr) return false;
    port = ntohs(v4->sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
    if (::inet_ntop(AF_INET6, &v6->sin6_addr, text.data(), text.size()) == nullptr) return false;
    port = ntohs(v6->sin6_port);
  } else {
    return false;
  }
  ip = text.data();
  return true;
}

bool socket_address(int fd, bool peer, sockaddr_storage& address) {
  socklen_t length = sizeof(address);
  auto* raw = reinterpret_cast<sockaddr*>(&address);
  return (peer ? ::getpeername(fd, raw, &length) : ::getsockname(fd, raw, &length)) == 0;
}
}  // namespace

bool wait_readable(int fd, milliseconds timeout) { return wait_for(fd, POLLIN, timeout); }

bool wait_writable(int fd, milliseconds timeout) { return wait_for(fd, POLLOUT, timeout); }

bool peer_gone(int fd) {
  pollfd watched{fd, POLLIN, 0};
  if (::poll(&watched, 1, 0) <= 0) return false;
  if ((watched.revents & (POLLERR | POLLHUP)) != 0) return true;
  char byte = 0;
  const ssize_t got = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

bool send_all(int fd, std::string_view data, milliseconds timeout) {
  const auto deadline = SteadyClock::now() + timeout;
  while (!data.empty()) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - SteadyClock::now());
    if (left.count() <= 0 || !wait_writable(fd, left)) return false;
    const ssize_t sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

void close_lingering(int fd, milliseconds linger) {
  ::shutdown(fd, SHUT_WR);
  const auto deadline = SteadyClock::now() + linger;
  std::array<char, 16384> sink{};
  while (true) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - SteadyClock::now());
    if (left.count() <= 0 || !wait_readable(fd, left)) break;
    const ssize_t got = ::recv(fd, sink.data(), sink.size(), MSG_DONTWAIT);
    if (got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) break;
  }
  ::close(fd);
}

void close_now(int fd) {
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

void peer_address(int fd, std::string& ip, int& port) {
  sockaddr_storage address{};
  if (socket_address(fd, true, address)) address_of(address, ip, port);
}

void local_address(int fd, std::string& ip, int& port) {
  sockaddr_storage address{};
  if (socket_address(fd, false, address)) address_of(address, ip, port);
}

int find_listening_socket(int port) {
  DIR* fds = ::opendir("/proc/self/fd");
  if (fds == nullptr) return -1;
  int found = -1;
  while (const dirent* entry = ::readdir(fds)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == ::dirfd(fds)) continue;
    const int socket_fd = static_cast<int>(fd);
    int accepting = 0;
    socklen_t length = sizeof(accepting);
    std::string ip;
    int bound_port = -1;
    if (::getsockopt(socket_fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) == 0 && accepting != 0) {
      local_address(socket_fd, ip, bound_port);
      if (bound_port == port) {
        found = socket_fd;
        break;
      }
    }
  }
  ::closedir(fds);
  return found;
}

bool bound_to_loopback(int fd) {
  sockaddr_storage address{};
  if (!socket_address(fd, false, address)) return false;
  if (address.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
    return (ntohl(v4->sin_addr.s_addr) >> 24U) == 127U;
  }
  if (address.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
    if (IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr)) return true;
    return IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr) && v6->sin6_addr.s6_addr[12] == 127U;
  }
  return false;
}

}  // namespace mock::http::socket_io
