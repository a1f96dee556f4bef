#include "mock/core/clock.hpp"

#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace {
using mock::core::ManualClock;
using mock::core::SystemClock;

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TEST(ManualClock, StartsWhereToldAndMovesOnlyWhenAdvanced) {
  ManualClock clock(1'700'000'000'250);
  EXPECT_EQ(clock.now_ms(), 1'700'000'000'250);
  EXPECT_EQ(clock.now_ms(), 1'700'000'000'250);
  clock.advance_ms(750);
  EXPECT_EQ(clock.now_ms(), 1'700'000'001'000);
  clock.advance_ms(0);
  EXPECT_EQ(clock.now_ms(), 1'700'000'001'000);
}

TEST(ManualClock, SecondsAreWholeSecondsRoundedDown) {
  ManualClock clock(1'700'000'000'999);
  EXPECT_EQ(clock.now_seconds(), 1'700'000'000);
  clock.advance_ms(1);
  EXPECT_EQ(clock.now_seconds(), 1'700'000'001);
}

TEST(ManualClock, UsableThroughTheClockInterface) {
  ManualClock manual(5'000);
  const mock::core::Clock& clock = manual;
  manual.advance_ms(2'500);
  EXPECT_EQ(clock.now_ms(), 7'500);
  EXPECT_EQ(clock.now_seconds(), 7);
}

TEST(ManualClock, DefaultStartIsTheFirstSecondOf2024AndItIsManual) {
  ManualClock clock;
  EXPECT_EQ(clock.now_ms(), ManualClock::k_default_start_ms);
  EXPECT_EQ(clock.now_seconds(), 1704067200);  // 2024-01-01T00:00:00Z
  EXPECT_TRUE(clock.is_manual());
}

TEST(SystemClock, ReadsTheWallClock) {
  SystemClock clock;
  const std::int64_t before = wall_ms();
  const std::int64_t now = clock.now_ms();
  const std::int64_t after = wall_ms();
  EXPECT_GE(now, before);
  EXPECT_LE(now, after);
}

// Two reads of a running clock may straddle a second boundary, so the seconds are checked
// between two millisecond reads rather than against one.
TEST(SystemClock, SecondsAgreeWithMillisecondsReadAroundThem) {
  SystemClock clock;
  for (int i = 0; i < 1000; ++i) {
    const std::int64_t ms_before = clock.now_ms();
    const std::int64_t seconds = clock.now_seconds();
    const std::int64_t ms_after = clock.now_ms();
    ASSERT_GE(seconds, ms_before / 1000);
    ASSERT_LE(seconds, ms_after / 1000);
  }
}

TEST(SystemClock, AdvanceAddsAnOffsetToTheWallClock) {
  SystemClock clock;
  EXPECT_FALSE(clock.is_manual());
  clock.advance_ms(600'000);  // ten minutes, as the admin API does for expiry tests
  const std::int64_t now = clock.now_ms();
  EXPECT_GE(now, wall_ms() + 600'000 - 1'000);
  EXPECT_LE(now, wall_ms() + 600'000);
  clock.advance_ms(1'000);
  EXPECT_GE(clock.now_ms(), now + 1'000);
}

TEST(SystemClock, NeverDecreasesAcrossThreads) {
  SystemClock clock;
  std::vector<std::thread> threads;
  std::vector<int> went_back(4, 0);
  for (std::size_t t = 0; t < went_back.size(); ++t) {
    threads.emplace_back([&clock, &went_back, t] {
      std::int64_t last = clock.now_ms();
      for (int i = 0; i < 20'000; ++i) {
        const std::int64_t now = clock.now_ms();
        if (now < last) ++went_back[t];
        last = now;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const int count : went_back) EXPECT_EQ(count, 0);
}

}  // namespace
