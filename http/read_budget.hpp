#pragma once
// What one request may take from its connection before the server gives up on it. httplib
// 0.11.4 bounds neither the number of header lines, nor a chunked body, nor the time a client
// may take as long as each byte arrives within the read time-out: a client trickling one
// byte every few seconds holds a worker thread for hours. The connection's stream asks this
// budget before every read and reports every byte it hands to httplib's parser.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>

namespace mock::http {

// Why the server stopped reading a request; each maps to one status (http_server.cpp).
enum class Refusal {
  too_slow,          // 408: the request did not arrive within its deadline or a read time-out
  line_too_long,     // 414: the request line alone passed the head limit
  head_too_large,    // 431: request line and headers passed the head limit
  body_too_large,    // 413: the declared or received body passed the body limit
  bad_framing,       // 400: a Content-Length that is not a number, two that disagree, or both
                     //      Content-Length and Transfer-Encoding (request smuggling)
};

struct ReadLimits {
  std::chrono::milliseconds read_timeout{10'000};     // longest silence within a request
  std::chrono::milliseconds request_timeout{30'000};  // head and body, from the first byte
  std::size_t max_head_bytes = 64U * 1024U;
  std::size_t max_body_bytes = 32U * 1024U * 1024U;  // decoded; raw chunked framing gets 2x
};

class ReadBudget {
public:
  using Clock = std::chrono::steady_clock;

  explicit ReadBudget(ReadLimits limits) : m_limits(limits) {}

  // A new request begins: its deadline starts now and its head is counted from zero.
  void start_request(Clock::time_point now);

  // How long the next read may wait for data; nullopt means give up now (refusal() says why).
  std::optional<std::chrono::milliseconds> wait_allowed(Clock::time_point now);
  // A read waited its whole allowance and nothing came.
  void timed_out() { refuse(Refusal::too_slow); }

  // Counts bytes handed to the parser. False once the request passed a limit.
  bool consume(std::string_view bytes) {
    // httplib reads a request's head one byte at a time, so that case stays inline.
    if (bytes.size() == 1 && !m_refusal && !m_in_body) return consume_head_byte(bytes[0]);
    return consume_bytes(bytes);
  }

  // Stops reading this request at once (its headers declared something we will not read).
  void refuse(Refusal why);
  std::optional<Refusal> refusal() const { return m_refusal; }
  // Whether the client sent any byte of the current request.
  bool request_started() const { return m_head_bytes > 0; }
  bool in_body() const { return m_in_body; }
  std::size_t head_bytes() const { return m_head_bytes; }

private:
  bool consume_bytes(std::string_view bytes);

  // Steps through "\r\n\r\n" with one byte of the head; true when that byte ends the head.
  bool ends_head(char c) {
    if (c == '\n' && m_terminator_matched == 1) m_request_line_done = true;
    if (c == "\r\n\r\n"[m_terminator_matched]) {
      ++m_terminator_matched;
    } else {
      m_terminator_matched = c == '\r' ? 1U : 0U;
    }
    return m_terminator_matched == 4;
  }

  bool consume_head_byte(char c) {
    ++m_head_bytes;
    if (ends_head(c)) {
      m_in_body = true;
      return true;
    }
    return head_within_limit();
  }

  // False, and the request refused, once the head is longer than the limit.
  bool head_within_limit() {
    if (m_head_bytes <= m_limits.max_head_bytes) return true;
    refuse(m_request_line_done ? Refusal::head_too_large : Refusal::line_too_long);
    return false;
  }

  ReadLimits m_limits;
  Clock::time_point m_deadline{};
  std::size_t m_head_bytes = 0;
  std::size_t m_body_bytes = 0;
  bool m_in_body = false;
  bool m_request_line_done = false;
  unsigned m_terminator_matched = 0;  // how much of "\r\n\r\n" the last bytes were
  std::optional<Refusal> m_refusal;
};

}  // namespace mock::http
