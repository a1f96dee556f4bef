#pragma once
// Populating a thread with numbered messages over HTTP, from several connections at once,
// with a progress line every tenth of the way, and checking a page of it.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include <httplib.h>

#include "bench/server_bench/text.hpp"

namespace server_bench {

// The JSON body of user message `number`, whose text is "bench message NNNNNNN".
std::string message_body(std::size_t number);

struct PopulateResult {
  std::uint64_t errors = 0;
  std::string first_error;
};

// Posts messages numbered [first, last] (1-based, inclusive) to the thread from `clients`
// keep-alive connections in parallel. `done` counts posted messages for the progress line.
PopulateResult post_messages(int port, const std::string& thread_id, std::size_t first,
                             std::size_t last, std::size_t clients,
                             std::atomic<std::uint64_t>& done);

// Fetches one page of the thread on `client` and checks it holds 20 messages numbered within
// [low, high] (messages posted in parallel are numbered only roughly in creation order),
// printing what it found; a page out of range adds one to `errors`. Returns the body's size.
// Throws when the page cannot be fetched.
std::size_t check_page(httplib::Client& client, const std::string& label, const std::string& path,
                       std::size_t low, std::size_t high, std::uint64_t& errors);

// Runs `work` on another thread and prints progress every tenth of `total` until it ends.
template <class Work>
auto with_progress(const std::string& label, std::uint64_t total,
                   std::atomic<std::uint64_t>& done, Work&& work) {
  std::atomic<bool> finished{false};
  std::mutex mutex;
  std::condition_variable cv;
  const auto started = SteadyClock::now();
  std::thread reporter([&] {
    std::uint64_t last_tenth = 0;
    std::unique_lock lock(mutex);
    while (!finished.load()) {
      cv.wait_for(lock, std::chrono::milliseconds(200));
      const std::uint64_t count = done.load();
      const std::uint64_t tenth = total == 0 ? 10 : count * 10 / total;
      if (tenth > last_tenth && tenth < 10) {
        last_tenth = tenth;
        const double elapsed = seconds_between(started, SteadyClock::now());
        say("  " + label + ": " + with_commas(count) + " / " + with_commas(total) + " (" +
            with_commas(static_cast<std::uint64_t>(static_cast<double>(count) / elapsed)) +
            " msg/s)");
      }
    }
  });
  // Stops the reporter however `work` ends (it may throw).
  struct StopReporter {
    std::mutex& mutex;
    std::condition_variable& cv;
    std::atomic<bool>& finished;
    std::thread& reporter;
    ~StopReporter() {
      {
        std::lock_guard lock(mutex);
        finished = true;
      }
      cv.notify_all();
      reporter.join();
    }
  };
  std::optional<StopReporter> stop(std::in_place, mutex, cv, finished, reporter);
  auto result = work();
  stop.reset();
  const double elapsed = seconds_between(started, SteadyClock::now());
  say("  " + label + ": " + with_commas(done.load()) + " / " + with_commas(total) + " in " +
      fixed(elapsed, 1) + " s (" +
      with_commas(static_cast<std::uint64_t>(static_cast<double>(done.load()) / elapsed)) +
      " msg/s)");
  return result;
}

}  // namespace server_bench
