#pragma once
// Bounded polling for tests: check a condition every few milliseconds until it holds or a
// deadline passes. No test sleeps for a fixed time to "let things happen".
#include <chrono>
#include <thread>

namespace tests::support {

template <class Predicate>
bool wait_until(Predicate&& done,
                std::chrono::milliseconds timeout = std::chrono::milliseconds(5000),
                std::chrono::milliseconds interval = std::chrono::milliseconds(2)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (done()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(interval);
  }
}

}  // namespace tests::support
