#include "mock/server/stream_slots.hpp"

#include <string>

namespace mock {

StreamSlots::StreamSlots(std::size_t capacity)
    : m_capacity(capacity), m_open(std::make_shared<std::atomic<std::size_t>>(0)) {}

std::shared_ptr<void> StreamSlots::try_take() {
  std::size_t open = m_open->load();
  do {
    if (open >= m_capacity) return nullptr;
  } while (!m_open->compare_exchange_weak(open, open + 1));
  // Points at the counter so the handle tests true; its deleter gives the slot back.
  return std::shared_ptr<void>(m_open.get(), [counter = m_open](void*) { --*counter; });
}

http::ApiError StreamSlots::refusal() const {
  http::ApiError error(429,
                       "Too many open streams: the server streams at most " + std::to_string(m_capacity) +
                           " runs at once (--max-streams). Retry when one has ended.",
                       "requests", std::nullopt, "too_many_streams");
  error.headers.emplace("retry-after", "1");
  return error;
}

}  // namespace mock
