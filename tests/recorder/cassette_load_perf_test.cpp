// Cassettes load in time linear in their size: 10,000 exchanges cost about ten times what
// 1,000 cost, measured side by side in one run (a ratio, so neither the machine's speed nor
// the sanitizers decide the outcome). CPU time of the loading thread, printed beside the wall
// time: on a shared 2-core machine wall time measures the neighbours.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "cassettes/cassette_file.hpp"
#include "cassettes/cassette_writer.hpp"
#include "tests/recorder/support/harness.hpp"

namespace cassettes {
namespace {
using recorder_tests::TempDir;

// About what the seed flow's poll of a run looks like: ~1.5 KB per exchange.
Interaction run_poll(int n) {
  const std::string id = "run_" + std::to_string(100000 + n);
  Interaction interaction;
  interaction.request = {"GET",
                         "/v1/threads/thread_abc/runs/" + id,
                         {},
                         {{"accept", "application/json"},
                          {"authorization", "[REDACTED]"},
                          {"openai-beta", "assistants=v2"},
                          {"user-agent", "OpenAI/JS 6.49.0"},
                          {"x-stainless-lang", "js"},
                          {"x-stainless-retry-count", "0"}},
                         NoBody{}};
  interaction.response.status = 200;
  interaction.response.headers = {{"content-type", "application/json"}, {"openai-poll-after-ms", "5"},
                                  {"x-request-id", "req_" + std::to_string(n)}};
  interaction.response.body = JsonBody{Json{{"id", id},
                                            {"object", "thread.run"},
                                            {"created_at", 1704067200 + n},
                                            {"assistant_id", "asst_abc"},
                                            {"thread_id", "thread_abc"},
                                            {"status", n % 3 == 0 ? "completed" : "in_progress"},
                                            {"started_at", 1704067201},
                                            {"expires_at", nullptr},
                                            {"last_error", nullptr},
                                            {"model", "gpt-4"},
                                            {"instructions", "You are a personal math tutor. Write and run code."},
                                            {"tools", Json::array({Json{{"type", "code_interpreter"}}})},
                                            {"metadata", Json::object()},
                                            {"usage", Json{{"prompt_tokens", 120}, {"completion_tokens", 80}, {"total_tokens", 200}}},
                                            {"temperature", 1.0},
                                            {"top_p", 1.0},
                                            {"truncation_strategy", Json{{"type", "auto"}, {"last_messages", nullptr}}},
                                            {"response_format", "auto"},
                                            {"tool_choice", "auto"},
                                            {"parallel_tool_calls", true}}};
  interaction.duration_ms = 3;
  return interaction;
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

double thread_cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

struct LoadCost {
  double cpu_ms = 0;
  double wall_ms = 0;
  double megabytes = 0;
};

// Saves a cassette of `count` run polls and loads it back; the cheapest of `tries` loads.
LoadCost load_cost(const TempDir& dir, int count, int tries) {
  Cassette cassette;
  cassette.meta = {"assistants-mock test", "2024-01-01T00:00:00Z", "http://upstream", "assistants=v2", {}};
  for (int i = 0; i < count; ++i) cassette.interactions.push_back(run_poll(i));
  const auto path = dir / ("cassette-" + std::to_string(count) + ".json");
  EXPECT_TRUE(save_cassette(path, cassette).has_value());
  LoadCost best;
  best.megabytes = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  for (int i = 0; i < tries; ++i) {
    const auto started = std::chrono::steady_clock::now();
    const double cpu_before = thread_cpu_ms();
    auto loaded = load_cassette(path);
    const double cpu_ms = thread_cpu_ms() - cpu_before;
    const double wall_ms = ms_since(started);
    EXPECT_TRUE(loaded.has_value()) << loaded.error().message;
    if (loaded) {
      EXPECT_EQ(loaded->cassette.interactions.size(), static_cast<std::size_t>(count));
    }
    if (i == 0 || cpu_ms < best.cpu_ms) {
      best.cpu_ms = cpu_ms;
      best.wall_ms = wall_ms;
    }
  }
  return best;
}

TEST(CassettePerformance, LoadingGrowsLinearlyWithTheCassette) {
  TempDir dir;
  const LoadCost small = load_cost(dir, 1000, 3);
  const LoadCost large = load_cost(dir, 10000, 2);
  const double ratio = large.cpu_ms / std::max(small.cpu_ms, 0.001);
  std::printf("[ perf ] load 1,000 exchanges (%.1f MB): %.0f ms CPU, %.0f ms wall; 10,000 (%.1f MB): "
              "%.0f ms CPU, %.0f ms wall; ratio %.1fx (linear: 10x)\n",
              small.megabytes, small.cpu_ms, small.wall_ms, large.megabytes, large.cpu_ms, large.wall_ms, ratio);
  // Quadratic loading would be 100x; allow noise and allocator growth well short of that.
  EXPECT_LT(ratio, 20.0) << "10x the exchanges cost " << ratio << "x the CPU";
}

TEST(CassettePerformance, AppendingStaysCheapAsTheCassetteGrows) {
  // Each append is one synced journal line; the file is written at the first append and at
  // finish() only, so appends at 10,000 cost what they cost at 10.
  TempDir dir;
  Cassette start;
  start.meta = {"assistants-mock test", "2024-01-01T00:00:00Z", "http://upstream", std::nullopt, {}};
  for (int i = 0; i < 10000; ++i) start.interactions.push_back(run_poll(i));
  CassetteWriter writer(dir / "big.json", std::move(start));
  ASSERT_TRUE(writer.append(run_poll(10000)).has_value());  // the first append writes the file once
  constexpr int k_appends = 200;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 1; i <= k_appends; ++i) ASSERT_TRUE(writer.append(run_poll(10000 + i)).has_value());
  const double per_append = ms_since(started) / k_appends;
  std::printf("[ perf ] journal append (fdatasync) with 10,000 exchanges recorded: %.2f ms each\n", per_append);
  EXPECT_LT(per_append, 100.0);
  ASSERT_TRUE(writer.finish().has_value());
  auto loaded = load_cassette(dir / "big.json");
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->cassette.interactions.size(), 10000U + k_appends + 1);
}

}  // namespace
}  // namespace cassettes
