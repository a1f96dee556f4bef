#include "bench/scale_bench/throughput.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bench/scale_bench/child_server.hpp"
#include "bench/scale_bench/wrk.hpp"
#include "bench/server_bench/baseline_servers.hpp"
#include "http/http_server.hpp"

namespace scale_bench {
namespace {

struct Row {
  const char* name;
  WrkRequest mock;
  WrkRequest bare;
  int connections;
  double min_ratio;      // mock/bare req/s, median of the runs
  double max_p99_ratio;  // mock/bare p99; 0: no target
};

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0 : values[values.size() / 2];
}

std::string make_assistant(int port) {
  httplib::Client client("127.0.0.1", port);
  const httplib::Headers headers{{"Authorization", "Bearer sk-bench"}, {"OpenAI-Beta", "assistants=v2"}};
  const auto result = client.Post("/v1/assistants", headers, R"({"model":"gpt-4o","name":"Bench"})", "application/json");
  if (!result || result->status != 200) return "";
  return nlohmann::json::parse(result->body).at("id").get<std::string>();
}

}  // namespace

bool run_throughput(const Settings& settings) {
  if (!wrk_available()) {
    std::printf("wrk rows: skipped, wrk is not installed (apt-get install wrk)\n");
    return false;
  }
  ChildServer mock(settings.binary, "serve", {});
  const server_bench::BareServer bare(mock::http::HttpServerConfig{});
  const std::string id = make_assistant(mock.port());
  if (id.empty()) {
    std::printf("wrk rows: could not create the assistant\n");
    return false;
  }
  const std::string create =
      R"({"model":"gpt-4o","name":"Math Tutor","instructions":"You are a personal math tutor.","tools":[{"type":"code_interpreter"}]})";
  const std::string modify = R"({"metadata":{"k":"v"}})";
  const std::vector<Row> rows{
      {"GET assistant, 64 connections", {"GET", "/v1/assistants/" + id, ""}, {"GET", "/v1/assistants/asst_x", ""}, 64, 0.8, 1.5},
      {"GET assistant, 16 connections", {"GET", "/v1/assistants/" + id, ""}, {"GET", "/v1/assistants/asst_x", ""}, 16, 1.0, 0},
      {"POST modify assistant, 16", {"POST", "/v1/assistants/" + id, modify}, {"POST", "/v1/assistants/asst_x", modify}, 16, 0.8, 0},
      {"POST create assistant, 16", {"POST", "/v1/assistants", create}, {"POST", "/v1/assistants", create}, 16, 0.8, 0},
  };
  std::printf("\nwrk -t1, %.0f s per run, %d runs per side alternating (mock = assistants-mock serve, default flags;"
              " bare = cpp-httplib 0.11.4, tuned, fixed 400-byte body)\n",
              settings.seconds, settings.runs);
  std::printf("%-32s %10s %10s %8s %9s %9s %8s %8s\n", "row", "mock req/s", "bare req/s", "ratio", "mock p99",
              "bare p99", "p99 x", "errors");
  bool ok = true;
  for (const Row& row : rows) {
    std::vector<double> ratios, p99_ratios, mock_rates, bare_rates, mock_p99, bare_p99;
    long errors = 0;
    for (int run = 0; run < settings.runs; ++run) {
      // mock, bare, then bare, mock: drift on the machine falls on both sides alike.
      const bool mock_first = run % 2 == 0;
      std::optional<WrkResult> m, b;
      for (int side = 0; side < 2; ++side) {
        const bool is_mock = (side == 0) == mock_first;
        auto result = run_wrk(is_mock ? mock.port() : bare.port(), is_mock ? row.mock : row.bare, row.connections,
                              settings.seconds);
        (is_mock ? m : b) = result;
      }
      if (!m || !b) {
        std::printf("%s: wrk gave no report (is the server up?)\n", row.name);
        ok = false;
        break;
      }
      errors += m->non_2xx + m->socket_errors + b->non_2xx + b->socket_errors;
      mock_rates.push_back(m->requests_per_second);
      bare_rates.push_back(b->requests_per_second);
      mock_p99.push_back(m->p99_ms);
      bare_p99.push_back(b->p99_ms);
      ratios.push_back(m->requests_per_second / std::max(b->requests_per_second, 1.0));
      p99_ratios.push_back(m->p99_ms / std::max(b->p99_ms, 0.001));
      std::printf("  %s run %d: mock %.0f req/s p99 %.2f ms, bare %.0f req/s p99 %.2f ms: %.2fx, p99 %.2fx\n", row.name,
                  run + 1, m->requests_per_second, m->p99_ms, b->requests_per_second, b->p99_ms, ratios.back(),
                  p99_ratios.back());
      std::fflush(stdout);
    }
    if (ratios.empty()) continue;
    const bool met = median(ratios) >= row.min_ratio && (row.max_p99_ratio <= 0 || median(p99_ratios) <= row.max_p99_ratio);
    std::printf("%-32s %10.0f %10.0f %7.2fx %7.2fms %7.2fms %7.2fx %8ld  %s\n", row.name, median(mock_rates),
                median(bare_rates), median(ratios), median(mock_p99), median(bare_p99), median(p99_ratios), errors,
                met ? "ok" : "MISSED");
    if (errors > 0 || !met) ok = false;
  }
  return ok;
}

}  // namespace scale_bench
