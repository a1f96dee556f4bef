#pragma once
// How many connections the server serves at once. httplib serves each connection on one
// worker thread from accept to close, and queues the rest without bound: past the pool size a
// client waited, unanswered, for as long as the other connections lived (an SSE stream, an idle
// keep-alive, a slow client). The gate admits up to `capacity` connections; a newcomer waits a
// moment for a slot, during which idle keep-alive connections give theirs up, and is then
// either served or told 503 at once.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace mock::http {

class ConnectionGate {
public:
  explicit ConnectionGate(std::size_t capacity) : m_capacity(capacity) {}

  // Waits up to `patience` for a free slot. True: admitted, call leave() when done.
  bool enter(std::chrono::milliseconds patience);
  void leave();

  // A newcomer is waiting: an idle keep-alive connection should close and free its slot.
  bool someone_waiting() const { return m_waiting.load(std::memory_order_relaxed) > 0; }
  std::size_t active() const;
  std::size_t capacity() const { return m_capacity; }

private:
  const std::size_t m_capacity;
  mutable std::mutex m_mutex;
  std::condition_variable m_freed;
  std::size_t m_active = 0;
  std::atomic<std::size_t> m_waiting{0};
};

}  // namespace mock::http
