#pragma once
// The server hostile-client tests run against, with time-outs short enough that a test waiting
// for one to fire takes seconds, and the well-behaved clients that prove it still serves.
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/api_client.hpp"
#include "tests/support/test_server.hpp"

namespace hostile {

using namespace std::chrono_literals;

inline mock::MockServerConfig hostile_config() {
  mock::MockServerConfig config = tests::support::test_config();
  config.http.threads = 8;
  config.http.read_timeout_seconds = 1;
  config.http.request_timeout_seconds = 2;
  config.http.keep_alive_timeout_seconds = 2;
  config.http.write_timeout_seconds = 2;
  return config;
}

// Generous for a loaded 2-core machine under the sanitizers, and still far below the
// seconds a hostile client holds its connection: a stalled server cannot pass it.
inline constexpr std::chrono::milliseconds k_prompt = 1500ms;

// One ordinary request (list assistants) on a fresh connection; expects 200 within `within`.
inline void expect_served_promptly(const tests::support::TestServer& server,
                                   std::chrono::milliseconds within = k_prompt) {
  tests::support::ApiClient client = server.client();
  const auto started = std::chrono::steady_clock::now();
  const tests::support::ApiResult result = client.get("/v1/assistants");
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(result.status, 200) << tests::support::describe(result);
  EXPECT_LT(took, within) << "an ordinary request took "
                          << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms";
}

// Ordinary clients polling the server on their own threads while a test misbehaves; stop()
// reports how they fared.
class OrdinaryClients {
public:
  OrdinaryClients(const tests::support::TestServer& server, int count) {
    for (int i = 0; i < count; ++i) {
      m_threads.emplace_back([this, &server] {
        while (!m_stop) {
          tests::support::ApiClient client = server.client();
          const auto started = std::chrono::steady_clock::now();
          const tests::support::ApiResult result = client.get("/v1/assistants");
          const auto took =
              std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
          std::lock_guard lock(m_mutex);
          ++m_requests;
          m_slowest = std::max(m_slowest, took);
          if (result.status != 200 && m_failures.size() < 5) m_failures.push_back(tests::support::describe(result));
          std::this_thread::sleep_for(20ms);
        }
      });
    }
  }
  ~OrdinaryClients() { stop(); }
  OrdinaryClients(const OrdinaryClients&) = delete;
  OrdinaryClients& operator=(const OrdinaryClients&) = delete;

  void stop() {
    m_stop = true;
    for (std::thread& thread : m_threads) {
      if (thread.joinable()) thread.join();
    }
  }
  // Every request answered 200, none slower than `within`, and there were some.
  void expect_all_served(std::chrono::milliseconds within = k_prompt) {
    stop();
    std::lock_guard lock(m_mutex);
    EXPECT_GT(m_requests, 0);
    EXPECT_TRUE(m_failures.empty()) << m_failures.size() << " failed, first: "
                                    << (m_failures.empty() ? "" : m_failures.front());
    EXPECT_LT(m_slowest, within) << "the slowest ordinary request took " << m_slowest.count() << " ms";
  }

private:
  std::vector<std::thread> m_threads;
  std::atomic<bool> m_stop{false};
  std::mutex m_mutex;
  int m_requests = 0;
  std::chrono::milliseconds m_slowest{0};
  std::vector<std::string> m_failures;
};

}  // namespace hostile
