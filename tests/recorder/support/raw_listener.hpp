#pragma once
// An upstream that misbehaves at the socket level, which no HTTP server library will do on
// request: accept and never answer, promise a length and send less, cut a chunked stream.
// Each connection runs `handler(fd, stopping)` on its own thread; on 127.0.0.1, port 0.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace recorder_tests {

class RawListener {
public:
  // `stopping` turns true when the listener is destroyed: a handler that hangs waits on it.
  using Handler = std::function<void(int fd, const std::atomic<bool>& stopping)>;

  explicit RawListener(Handler handler) : m_handler(std::move(handler)) {
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::listen(m_fd, 16) != 0 || ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("cannot listen on 127.0.0.1");
    }
    m_port = ntohs(address.sin_port);
    m_acceptor = std::thread([this] { accept_loop(); });
  }
  ~RawListener() {
    m_stopping = true;
    m_acceptor.join();
    for (std::thread& thread : m_connections) thread.join();
    ::close(m_fd);
  }
  RawListener(const RawListener&) = delete;
  RawListener& operator=(const RawListener&) = delete;

  int port() const { return m_port; }
  std::string url(const std::string& scheme = "http") const {
    return scheme + "://127.0.0.1:" + std::to_string(m_port);
  }
  int accepted() const { return m_accepted; }

private:
  void accept_loop() {
    while (!m_stopping) {
      pollfd waiting{m_fd, POLLIN, 0};
      if (::poll(&waiting, 1, 20) <= 0) continue;
      const int connection = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
      if (connection < 0) continue;
      ++m_accepted;
      m_connections.emplace_back([this, connection] {
        m_handler(connection, m_stopping);
        ::close(connection);
      });
    }
  }

  Handler m_handler;
  int m_fd = -1;
  int m_port = 0;
  std::atomic<bool> m_stopping{false};
  std::atomic<int> m_accepted{0};
  std::thread m_acceptor;
  std::vector<std::thread> m_connections;  // only the acceptor thread adds to it
};

// Reads one request, head and Content-Length body, so that closing the socket afterwards
// sends a FIN, not the RST that unread bytes would cause. Returns the request line.
inline std::string read_request(int fd) {
  std::string data;
  char buffer[4096];
  std::size_t head_end = std::string::npos;
  std::size_t wanted = 0;
  while (true) {
    if (head_end == std::string::npos) {
      head_end = data.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        std::string lower;
        for (char c : data.substr(0, head_end)) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        const std::size_t at = lower.find("content-length:");
        wanted = head_end + 4 + (at == std::string::npos ? 0 : std::stoul(lower.substr(at + 15)));
      }
    }
    if (head_end != std::string::npos && data.size() >= wanted) break;
    const ssize_t got = ::recv(fd, buffer, sizeof(buffer), 0);
    if (got <= 0) break;
    data.append(buffer, static_cast<std::size_t>(got));
  }
  return data.substr(0, data.find("\r\n"));
}

inline void send_text(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t sent = ::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
    if (sent <= 0) return;
    text.remove_prefix(static_cast<std::size_t>(sent));
  }
}

inline std::string chunk(std::string_view data) {
  char size[32];
  std::snprintf(size, sizeof(size), "%zx\r\n", data.size());
  return size + std::string(data) + "\r\n";
}

// Holds the connection open, saying nothing, until the listener goes away.
inline void hang(const std::atomic<bool>& stopping) {
  while (!stopping) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

}  // namespace recorder_tests
