#pragma once
// A listening socket on 127.0.0.1 that only counts the connections made to it, for proving
// that a process opened none (replay pointed at it as its proxy and its recorded upstream).
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <thread>

namespace hostile {

class CountingListener {
public:
  // Port 0 picks a free one; a given port (one a stopped server used) is taken over.
  explicit CountingListener(int port = 0) {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (::bind(m_fd, reinterpret_cast<sockaddr*>(&address), length) != 0 || ::listen(m_fd, 64) != 0 ||
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      ::close(m_fd);
      throw std::runtime_error("cannot listen on 127.0.0.1:" + std::to_string(port));
    }
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] {
      while (!m_stop) {
        pollfd watched{m_fd, POLLIN, 0};
        if (::poll(&watched, 1, 20) <= 0) continue;
        const int accepted = ::accept(m_fd, nullptr, nullptr);
        if (accepted >= 0) {
          ++m_connections;
          ::close(accepted);
        }
      }
    });
  }
  ~CountingListener() {
    m_stop = true;
    m_thread.join();
    ::close(m_fd);
  }
  CountingListener(const CountingListener&) = delete;
  CountingListener& operator=(const CountingListener&) = delete;

  int port() const { return m_port; }
  int connections() const { return m_connections.load(); }

private:
  int m_fd = -1;
  int m_port = 0;
  std::atomic<bool> m_stop{false};
  std::atomic<int> m_connections{0};
  std::thread m_thread;
};

}  // namespace hostile
