#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace server_bench {

// Ends the process if the run takes far longer than it should (a hung connection, a
// deadlocked server): the bench always stops by itself.
class Watchdog {
public:
  explicit Watchdog(double limit_seconds)
      : m_thread([this, limit_seconds] {
          std::unique_lock lock(m_mutex);
          const auto limit = std::chrono::duration<double>(limit_seconds);
          if (!m_cv.wait_for(lock, limit, [this] { return m_done; })) {
            std::fprintf(stderr, "server-bench: watchdog: no result after %.0f s, aborting\n",
                         limit_seconds);
            std::fflush(stdout);
            std::_Exit(3);
          }
        }) {}
  ~Watchdog() {
    {
      std::lock_guard lock(m_mutex);
      m_done = true;
    }
    m_cv.notify_all();
    m_thread.join();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

private:
  std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_done = false;
  std::thread m_thread;
};

}  // namespace server_bench
