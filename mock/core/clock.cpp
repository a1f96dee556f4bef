#include "mock/core/clock.hpp"

#include <chrono>

namespace mock::core {

std::int64_t SystemClock::now_ms() const {
  const auto wall = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count() +
                    m_offset_ms.load();
  // A wall clock can step back (NTP); take the max so created_at never decreases.
  std::int64_t last = m_last_ms.load();
  while (wall > last && !m_last_ms.compare_exchange_weak(last, wall)) {
  }
  return wall > last ? wall : last;
}

}  // namespace mock::core
