#pragma once
// Time source for everything that stamps or schedules: injected so tests and the manual
// clock mode control time instead of sleeping. Both clocks can be moved forward through
// the admin API, so a 10-minute expiry takes microseconds.
#include <atomic>
#include <cstdint>

namespace mock::core {

class Clock {
public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch. Never decreases between calls.
  virtual std::int64_t now_ms() const = 0;
  // Moves time forward by delta_ms (> 0).
  virtual void advance_ms(std::int64_t delta_ms) = 0;
  virtual bool is_manual() const = 0;
  std::int64_t now_seconds() const { return now_ms() / 1000; }
};

// Wall-clock time plus whatever the admin API added, made monotonic so object order
// never contradicts timestamps.
class SystemClock final : public Clock {
public:
  std::int64_t now_ms() const override;
  void advance_ms(std::int64_t delta_ms) override { m_offset_ms.fetch_add(delta_ms); }
  bool is_manual() const override { return false; }

private:
  mutable std::atomic<std::int64_t> m_last_ms{0};
  std::atomic<std::int64_t> m_offset_ms{0};
};

// Time that moves only when told to: deterministic timestamps.
class ManualClock final : public Clock {
public:
  // 2024-01-01T00:00:00Z: a fixed, recognisable start.
  static constexpr std::int64_t k_default_start_ms = 1704067200000;

  explicit ManualClock(std::int64_t start_ms = k_default_start_ms) : m_now_ms(start_ms) {}
  std::int64_t now_ms() const override { return m_now_ms.load(); }
  void advance_ms(std::int64_t delta_ms) override { m_now_ms.fetch_add(delta_ms); }
  bool is_manual() const override { return true; }

private:
  std::atomic<std::int64_t> m_now_ms;
};

}  // namespace mock::core
