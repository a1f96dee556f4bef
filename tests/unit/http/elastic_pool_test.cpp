// The front's worker threads: started as jobs need them, never more than the cap (the rest
// wait their turn), gone after a while idle, and every queued job run before shutdown returns.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "http/elastic_pool.hpp"

namespace mock::http {
namespace {
using namespace std::chrono_literals;

// Jobs that block until released, so a test can hold threads busy.
class Latch {
public:
  void wait() {
    std::unique_lock lock(m_mutex);
    ++m_waiting;
    m_changed.notify_all();
    m_changed.wait(lock, [this] { return m_open; });
  }
  void open() {
    const std::lock_guard lock(m_mutex);
    m_open = true;
    m_changed.notify_all();
  }
  bool wait_for_waiting(int count, std::chrono::milliseconds within) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, within, [&] { return m_waiting >= count; });
  }

private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  int m_waiting = 0;
  bool m_open = false;
};

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds within) {
  const auto deadline = std::chrono::steady_clock::now() + within;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return condition();
}

TEST(ElasticPool, StartsNoThreadUntilAJobComes) {
  ElasticPool pool(100, 10s);
  EXPECT_EQ(pool.threads(), 0U);
}

TEST(ElasticPool, StartsAThreadPerBlockedJobUpToTheCapThenQueues) {
  ElasticPool pool(8, 10s);
  Latch latch;
  std::atomic<int> done{0};
  for (int i = 0; i < 12; ++i) {
    pool.submit([&] {
      latch.wait();
      ++done;
    });
  }
  ASSERT_TRUE(latch.wait_for_waiting(8, 5s)) << "eight jobs should run at once";
  EXPECT_EQ(pool.threads(), 8U) << "never more threads than the cap";
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(done.load(), 0);
  latch.open();
  EXPECT_TRUE(eventually([&] { return done.load() == 12; }, 5s)) << "the four queued jobs ran when threads came free";
}

TEST(ElasticPool, ReusesAnIdleThreadInsteadOfStartingAnother) {
  ElasticPool pool(64, 10s);
  std::atomic<int> done{0};
  for (int i = 0; i < 50; ++i) {
    pool.submit([&] { ++done; });
    ASSERT_TRUE(eventually([&] { return done.load() == i + 1 && pool.idle() == pool.threads(); }, 5s));
  }
  EXPECT_EQ(pool.threads(), 1U) << "jobs one after the other need one thread";
}

TEST(ElasticPool, IdleThreadsRetire) {
  ElasticPool pool(16, 100ms);
  Latch latch;
  for (int i = 0; i < 6; ++i) pool.submit([&] { latch.wait(); });
  ASSERT_TRUE(latch.wait_for_waiting(6, 5s));
  EXPECT_EQ(pool.threads(), 6U);
  latch.open();
  EXPECT_TRUE(eventually([&] { return pool.threads() == 0U; }, 5s)) << "idle threads stayed";
  std::atomic<bool> ran{false};
  pool.submit([&] { ran = true; });
  EXPECT_TRUE(eventually([&] { return ran.load(); }, 5s)) << "a new thread starts after the others retired";
}

TEST(ElasticPool, ShutdownRunsWhatIsQueuedAndJoins) {
  std::atomic<int> done{0};
  {
    ElasticPool pool(2, 10s);
    for (int i = 0; i < 20; ++i) {
      pool.submit([&] {
        std::this_thread::sleep_for(1ms);
        ++done;
      });
    }
    pool.shutdown();
    EXPECT_EQ(done.load(), 20);
    pool.shutdown();  // idempotent; the destructor calls it once more
  }
  EXPECT_EQ(done.load(), 20);
}

}  // namespace
}  // namespace mock::http
