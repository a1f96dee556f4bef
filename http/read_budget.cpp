#include "http/read_budget.hpp"

#include <algorithm>

namespace mock::http {

void ReadBudget::start_request(Clock::time_point now) {
  m_deadline = now + m_limits.request_timeout;
  m_head_bytes = 0;
  m_body_bytes = 0;
  m_in_body = false;
  m_request_line_done = false;
  m_terminator_matched = 0;
  m_refusal.reset();
}

std::optional<std::chrono::milliseconds> ReadBudget::wait_allowed(Clock::time_point now) {
  if (m_refusal) return std::nullopt;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(m_deadline - now);
  if (left.count() <= 0) {
    refuse(Refusal::too_slow);
    return std::nullopt;
  }
  return std::min(left, m_limits.read_timeout);
}

bool ReadBudget::consume_bytes(std::string_view bytes) {
  if (m_refusal) return false;
  if (m_in_body) {
    m_body_bytes += bytes.size();
    // Chunked framing costs bytes the decoded body does not count; twice the limit bounds
    // the memory while the exact decoded limit is checked once the body is whole.
    if (m_body_bytes > 2 * m_limits.max_body_bytes + m_limits.max_head_bytes) {
      refuse(Refusal::body_too_large);
      return false;
    }
    return true;
  }
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (ends_head(bytes[i])) {
      m_head_bytes += i + 1;
      m_in_body = true;
      return consume_bytes(bytes.substr(i + 1));
    }
  }
  m_head_bytes += bytes.size();
  return head_within_limit();
}

void ReadBudget::refuse(Refusal why) {
  if (!m_refusal) m_refusal = why;
}

}  // namespace mock::http
