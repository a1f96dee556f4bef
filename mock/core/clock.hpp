#pragma once
// Time source for everything that stamps or schedules: injected so tests and
// the manual clock mode control time instead of sleeping.
#include <atomic>
#include <cstdint>

namespace mock::core {

class Clock {
public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch. Never decreases between calls.
  virtual std::int64_t now_ms() const = 0;
  std::int64_t now_seconds() const { return now_ms() / 1000; }
};

// Wall-clock time, made monotonic so object order never contradicts timestamps.
class SystemClock final : public Clock {
public:
  std::int64_t now_ms() const override;

private:
  mutable std::atomic<std::int64_t> m_last_ms{0};
};

// Time that moves only when told to: deterministic timestamps and instant expiry tests.
class ManualClock final : public Clock {
public:
  explicit ManualClock(std::int64_t start_ms) : m_now_ms(start_ms) {}
  std::int64_t now_ms() const override { return m_now_ms.load(); }
  void advance_ms(std::int64_t delta_ms) { m_now_ms.fetch_add(delta_ms); }

private:
  std::atomic<std::int64_t> m_now_ms;
};

}  // namespace mock::core
