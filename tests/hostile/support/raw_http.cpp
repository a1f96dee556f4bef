#include "tests/hostile/support/raw_http.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <set>
#include <stdexcept>
#include <thread>

namespace hostile {
namespace {
using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}
}  // namespace

bool RawResponse::is_error_envelope() const {
  if (!json.is_object() || json.size() != 1 || !json.contains("error")) return false;
  const mock::Json& error = json["error"];
  if (!error.is_object() || error.size() != 4) return false;
  std::set<std::string> keys;
  for (const auto& [key, value] : error.items()) keys.insert(key);
  return keys == std::set<std::string>{"message", "type", "param", "code"} && error["message"].is_string() &&
         !error["message"].get<std::string>().empty() && error["type"].is_string();
}

std::string RawResponse::error_code() const {
  if (!is_error_envelope() || !json["error"]["code"].is_string()) return "";
  return json["error"]["code"].get<std::string>();
}

std::string RawResponse::describe() const {
  if (status == 0) return closed ? "connection closed without an answer" : "no answer in time";
  return std::to_string(status) + " after " + std::to_string(elapsed.count()) + " ms: " + body.substr(0, 400);
}

std::string http_request(const std::string& method, const std::string& target,
                         const std::vector<std::pair<std::string, std::string>>& headers,
                         const std::string& body) {
  std::string out = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [name, value] : headers) out += name + ": " + value + "\r\n";
  if (!body.empty() || method == "POST") out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  return out + "\r\n" + body;
}

std::vector<std::pair<std::string, std::string>> api_headers() {
  return {{"Authorization", "Bearer sk-test"},
          {"OpenAI-Beta", "assistants=v2"},
          {"Content-Type", "application/json"}};
}

RawConnection::RawConnection(int port) {
  m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (m_fd < 0) throw std::runtime_error("socket() failed");
  int yes = 1;
  ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(m_fd);
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
  }
}

RawConnection::~RawConnection() { close(); }

void RawConnection::close() {
  if (m_fd >= 0) ::close(m_fd);
  m_fd = -1;
}

void RawConnection::abort() {
  if (m_fd < 0) return;
  const linger reset{1, 0};
  ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
  close();
}

bool RawConnection::send(std::string_view data) {
  while (!data.empty()) {
    pollfd watched{m_fd, POLLOUT, 0};
    if (::poll(&watched, 1, 10'000) <= 0) return false;
    const ssize_t sent = ::send(m_fd, data.data(), data.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

std::size_t RawConnection::trickle(std::string_view data, std::size_t piece, milliseconds pause,
                                   milliseconds give_up) {
  const auto deadline = SteadyClock::now() + give_up;
  std::size_t sent = 0;
  while (sent < data.size() && SteadyClock::now() < deadline) {
    const std::size_t n = std::min(piece, data.size() - sent);
    // A server that closed its end shows it here: a reset on send, or the close as input.
    pollfd watched{m_fd, POLLIN, 0};
    if (::poll(&watched, 1, 0) > 0 && (watched.revents & (POLLHUP | POLLERR | POLLIN)) != 0) break;
    if (!send(data.substr(sent, n))) break;
    sent += n;
    std::this_thread::sleep_for(pause);
  }
  return sent;
}

bool RawConnection::receive_some(SteadyClock::time_point deadline) {
  if (m_eof || m_fd < 0) return false;
  const auto left = std::chrono::duration_cast<milliseconds>(deadline - SteadyClock::now());
  if (left.count() <= 0) return false;
  pollfd watched{m_fd, POLLIN, 0};
  if (::poll(&watched, 1, static_cast<int>(left.count())) <= 0) return false;
  char buffer[65536];
  const ssize_t got = ::recv(m_fd, buffer, sizeof(buffer), 0);
  if (got <= 0) {
    m_eof = true;
    return false;
  }
  m_pending.append(buffer, static_cast<std::size_t>(got));
  return true;
}

RawResponse RawConnection::read_response(milliseconds timeout) {
  const auto started = SteadyClock::now();
  const auto deadline = started + timeout;
  RawResponse out;
  auto finish = [&](bool whole) {
    out.elapsed = std::chrono::duration_cast<milliseconds>(SteadyClock::now() - started);
    if (!whole) {
      out.status = 0;
      out.closed = m_eof;
    }
    return out;
  };
  std::size_t head_end = std::string::npos;
  while ((head_end = m_pending.find("\r\n\r\n")) == std::string::npos) {
    if (!receive_some(deadline)) return finish(false);
  }
  const std::string head = m_pending.substr(0, head_end);
  std::string rest = m_pending.substr(head_end + 4);
  m_pending.clear();
  const std::size_t line_end = head.find("\r\n");
  const std::string status_line = head.substr(0, line_end);
  if (status_line.size() < 12) return finish(false);
  out.status = std::atoi(status_line.substr(9, 3).c_str());
  std::size_t at = line_end == std::string::npos ? head.size() : line_end + 2;
  while (at < head.size()) {
    const std::size_t end = std::min(head.find("\r\n", at), head.size());
    const std::string line = head.substr(at, end - at);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      out.headers.emplace(line.substr(0, colon), line.substr(line.find_first_not_of(' ', colon + 1)));
    }
    at = end + 2;
  }
  m_pending = std::move(rest);
  const std::string length = out.header("content-length");
  if (!length.empty()) {
    const std::size_t want = std::stoul(length);
    while (m_pending.size() < want) {
      if (!receive_some(deadline)) return finish(false);
    }
    out.body = m_pending.substr(0, want);
    m_pending.erase(0, want);
  } else if (lower(out.header("transfer-encoding")) == "chunked") {
    while (true) {
      std::size_t size_end = std::string::npos;
      while ((size_end = m_pending.find("\r\n")) == std::string::npos) {
        if (!receive_some(deadline)) return finish(false);
      }
      const std::size_t size = std::stoul(m_pending.substr(0, size_end), nullptr, 16);
      while (m_pending.size() < size_end + 2 + size + 2) {
        if (!receive_some(deadline)) return finish(false);
      }
      out.body += m_pending.substr(size_end + 2, size);
      m_pending.erase(0, size_end + 2 + size + 2);
      if (size == 0) break;
    }
  }
  out.json = mock::Json::parse(out.body, nullptr, /*allow_exceptions=*/false);
  if (out.json.is_discarded()) out.json = nullptr;
  return finish(true);
}

std::string RawConnection::read_until(std::string_view needle, milliseconds timeout) {
  const auto deadline = SteadyClock::now() + timeout;
  while (m_pending.find(needle) == std::string::npos) {
    if (!receive_some(deadline)) return "";
  }
  return std::exchange(m_pending, std::string());
}

std::string RawConnection::read_once(milliseconds timeout) {
  if (m_pending.empty()) receive_some(SteadyClock::now() + timeout);
  return std::exchange(m_pending, std::string());
}

bool RawConnection::closed_by_server(milliseconds timeout) {
  const auto deadline = SteadyClock::now() + timeout;
  while (!m_eof) {
    if (SteadyClock::now() >= deadline) return false;
    m_pending.clear();
    receive_some(deadline);
  }
  return true;
}

}  // namespace hostile
