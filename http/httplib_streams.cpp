#include "http/httplib_streams.hpp"

#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <string_view>
#include <utility>

#include "http/socket_io.hpp"

namespace mock::http {
namespace {
using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

// How often a read that waits looks up to see whether the server stops.
constexpr milliseconds k_wait_step{25};

bool would_block(int error) { return error == EAGAIN || error == EWOULDBLOCK || error == EINTR; }

// A response head httplib writes in one piece ahead of a body of known length: worth holding
// back to send with the body. Not a 1xx (the client waits for it before sending its body)
// and not a chunked head (a stream's first event may be a while coming).
bool is_head_before_fixed_body(std::string_view data) {
  return data.starts_with("HTTP/1.1 ") && !data.starts_with("HTTP/1.1 1") && data.ends_with("\r\n\r\n") &&
         data.find("\r\nContent-Length: ") != std::string_view::npos;
}
}  // namespace

SocketStream::SocketStream(int fd, ReadBudget& budget, milliseconds write_timeout,
                           std::function<bool()> stopping)
    : m_fd(fd), m_budget(budget), m_write_timeout(write_timeout), m_stopping(std::move(stopping)) {}

bool SocketStream::is_readable() const {
  return m_begin < m_end || socket_io::wait_readable(m_fd, milliseconds(0));
}

bool SocketStream::is_writable() const {
  return socket_io::wait_writable(m_fd, m_write_timeout) && !socket_io::peer_gone(m_fd);
}

ssize_t SocketStream::read(char* ptr, std::size_t size) {
  if (m_begin == m_end) {
    // The budget is asked before every read, waiting or not: it alone ends a request that
    // takes too long in total.
    const auto allowed = m_budget.wait_allowed(SteadyClock::now());
    if (!allowed) return -1;
    ssize_t got = ::recv(m_fd, m_buffer.data(), m_buffer.size(), MSG_DONTWAIT);
    if (got < 0 && would_block(errno)) {
      if (!wait_for_input(*allowed)) return -1;
      got = ::recv(m_fd, m_buffer.data(), m_buffer.size(), 0);
    }
    if (got <= 0) return got;
    m_begin = 0;
    m_end = static_cast<std::size_t>(got);
  }
  const std::size_t n = std::min(size, m_end - m_begin);
  std::copy_n(m_buffer.data() + m_begin, n, ptr);
  m_begin += n;
  if (!m_capturing) {
    return m_budget.consume(std::string_view(ptr, n)) ? static_cast<ssize_t>(n) : -1;
  }
  const std::size_t head_before = m_budget.head_bytes();
  const bool body_before = m_budget.in_body();
  if (!m_budget.consume(std::string_view(ptr, n))) return -1;
  if (m_budget.in_body()) {
    const std::size_t skip = body_before ? 0 : m_budget.head_bytes() - head_before;
    m_captured.append(ptr + skip, n - skip);
  }
  return static_cast<ssize_t>(n);
}

ssize_t SocketStream::write(const char* ptr, std::size_t size) {
  const std::string_view data(ptr, size);
  if (m_held_head.empty() && is_head_before_fixed_body(data)) {
    m_held_head.assign(data);
    m_written += size;
    return static_cast<ssize_t>(size);
  }
  // A held head goes out together with these bytes.
  const bool sent = send_all(m_held_head, data);
  m_held_head.clear();
  if (!sent) return -1;
  m_written += size;
  return static_cast<ssize_t>(size);
}

bool SocketStream::flush() {
  if (m_held_head.empty()) return true;
  const bool sent = send_all(m_held_head, {});
  m_held_head.clear();
  return sent;
}

// Both pieces in one sendmsg (one segment when they fit), without copying them together;
// either may be empty. Gives up when the client takes no byte for the write time-out: a slow
// reader of a large body is served as long as it keeps reading.
bool SocketStream::send_all(std::string_view first, std::string_view second) {
  auto deadline = SteadyClock::now() + m_write_timeout;
  while (!first.empty() || !second.empty()) {
    std::array<iovec, 2> pieces{iovec{const_cast<char*>(first.data()), first.size()},
                                iovec{const_cast<char*>(second.data()), second.size()}};
    msghdr message{};
    message.msg_iov = first.empty() ? &pieces[1] : pieces.data();
    message.msg_iovlen = first.empty() ? 1 : (second.empty() ? 1 : 2);
    const ssize_t sent = ::sendmsg(m_fd, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent >= 0) {
      const std::size_t done = static_cast<std::size_t>(sent);
      const std::size_t from_first = std::min(done, first.size());
      first.remove_prefix(from_first);
      second.remove_prefix(std::min(done - from_first, second.size()));
      if (done > 0) deadline = SteadyClock::now() + m_write_timeout;
      continue;
    }
    if (!would_block(errno)) return false;
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - SteadyClock::now());
    if (left.count() <= 0 || !socket_io::wait_writable(m_fd, left)) return false;
  }
  return true;
}

void SocketStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  cached_address(m_peer, socket_io::peer_address, ip, port);
}

void SocketStream::get_local_ip_and_port(std::string& ip, int& port) const {
  cached_address(m_local, socket_io::local_address, ip, port);
}

// Asked once per connection: httplib asks on every request, and the answer cannot change.
void SocketStream::cached_address(std::optional<SocketAddress>& cache,
                                  void (*lookup)(int, std::string&, int&), std::string& ip,
                                  int& port) const {
  if (!cache) {
    cache.emplace();
    lookup(m_fd, cache->ip, cache->port);
  }
  ip = cache->ip;
  port = cache->port;
}

void SocketStream::start_request() {
  m_written = 0;
  m_held_head.clear();
  m_capturing = false;
  m_captured.clear();
}

std::string SocketStream::take_captured() { return std::exchange(m_captured, std::string()); }

// In slices, so that stop() does not wait for a slow client's time-out.
bool SocketStream::wait_for_input(milliseconds allowed) {
  const auto deadline = SteadyClock::now() + allowed;
  while (!m_stopping()) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - SteadyClock::now());
    if (left.count() <= 0) {
      m_budget.timed_out();
      return false;
    }
    if (socket_io::wait_readable(m_fd, std::min(left, k_wait_step))) return true;
  }
  return false;
}

ssize_t PrimingStream::read(char* ptr, std::size_t size) {
  const std::size_t n = std::min(size, m_input.size() - m_at);
  std::copy_n(m_input.data() + m_at, n, ptr);
  m_at += n;
  return static_cast<ssize_t>(n);
}

void PrimingStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  ip = "127.0.0.1";
  port = 0;
}

void PrimingStream::get_local_ip_and_port(std::string& ip, int& port) const {
  ip = "127.0.0.1";
  port = 0;
}

}  // namespace mock::http
