#include "bench/scale_bench/cassette_scale.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <httplib.h>

#include "bench/scale_bench/child_server.hpp"
#include "bench/scale_bench/wrk.hpp"
#include "bench/server_bench/baseline_servers.hpp"
#include "cassettes/cassette_file.hpp"
#include "cassettes/journal.hpp"
#include "http/http_server.hpp"
#include "recorder/cassette_library.hpp"
#include "recorder/matchers.hpp"
#include "recorder/replayer.hpp"

namespace scale_bench {
namespace {
using Clock = std::chrono::steady_clock;
using cassettes::Json;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// A recorded GET of an assistant, about 2 KB: what a client polling objects leaves.
cassettes::Interaction get_assistant(std::size_t n) {
  const std::string id = "asst_" + std::to_string(100000 + n);
  cassettes::Interaction interaction;
  interaction.request = {"GET",
                         "/v1/assistants/" + id,
                         {},
                         {{"accept", "application/json"},
                          {"authorization", "[REDACTED]"},
                          {"openai-beta", "assistants=v2"},
                          {"user-agent", "OpenAI/JS 6.49.0"}},
                         cassettes::NoBody{}};
  interaction.response.status = 200;
  interaction.response.headers = {{"content-type", "application/json"}, {"x-request-id", "req_" + std::to_string(n)}};
  interaction.response.body = cassettes::JsonBody{Json{{"id", id},
                                                       {"object", "assistant"},
                                                       {"created_at", 1704067200 + n},
                                                       {"name", "Math Tutor " + std::to_string(n)},
                                                       {"description", nullptr},
                                                       {"model", "gpt-4o"},
                                                       {"instructions", std::string(1200, 'i')},
                                                       {"tools", Json::array({Json{{"type", "code_interpreter"}}})},
                                                       {"metadata", Json::object()},
                                                       {"temperature", 1.0},
                                                       {"top_p", 1.0},
                                                       {"response_format", "auto"}}};
  interaction.duration_ms = 3;
  return interaction;
}

std::filesystem::path write_cassette(const std::filesystem::path& dir, const std::string& name, std::size_t size) {
  cassettes::Cassette cassette;
  cassette.meta.tool = "assistants-mock scale-bench";
  cassette.meta.recorded_at = "2024-01-01T00:00:00Z";
  cassette.meta.upstream = "http://upstream";
  cassette.meta.api_version = "assistants=v2";
  for (std::size_t i = 0; i < size; ++i) cassette.interactions.push_back(get_assistant(i));
  const std::filesystem::path path = dir / name;
  if (!cassettes::save_cassette(path, cassette)) throw std::runtime_error("cannot write " + path.string());
  return path;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0 : values[values.size() / 2];
}

}  // namespace

bool run_replay_scale(const Settings& settings) {
  std::filesystem::create_directories(settings.work_dir);
  const auto small = write_cassette(settings.work_dir, "small.json", settings.small_cassette);
  const auto large = write_cassette(settings.work_dir, "large.json", settings.large_cassette);
  std::printf("\nreplay: a cassette of %zu exchanges and one of %zu (%.1f MB), GET of a recorded assistant\n",
              settings.small_cassette, settings.large_cassette,
              static_cast<double>(std::filesystem::file_size(large)) / 1e6);

  // Loading: what replay does at start-up (parse, merge, index), the best of three.
  std::vector<double> loads;
  std::unique_ptr<recorder::CassetteLibrary> library;
  for (int i = 0; i < 3; ++i) {
    recorder::ReplaySettings replay_settings;
    replay_settings.matchers = *recorder::parse_match_on(recorder::k_default_match_on);
    const auto started = Clock::now();
    auto opened = recorder::CassetteLibrary::open(large, std::move(replay_settings));
    loads.push_back(ms_since(started));
    if (!opened) throw std::runtime_error(opened.error());
    library = std::move(*opened);
  }
  // A miss explained: the closest recording and what differs.
  const auto session = library->session_for(std::nullopt);
  cassettes::RecordedRequest miss = get_assistant(settings.large_cassette / 2).request;
  miss.path = "/v1/assistants/asst_missing";
  std::vector<double> explains;
  std::string explanation;
  for (int i = 0; i < 5; ++i) {
    const auto started = Clock::now();
    explanation = (*session)->replayer->explain_miss(miss);
    explains.push_back(ms_since(started));
  }
  std::printf("  load %zu exchanges: %.0f ms (best of 3: %.0f, %.0f, %.0f); explain a miss: %.2f ms (median of 5)\n",
              settings.large_cassette, *std::min_element(loads.begin(), loads.end()), loads[0], loads[1], loads[2],
              median(explains));
  library.reset();

  if (!wrk_available()) {
    std::printf("  replay rates: skipped, wrk is not installed (apt-get install wrk)\n");
    return false;
  }
  ChildServer small_server(settings.binary, "replay", {"--cassette", small.string()});
  ChildServer large_server(settings.binary, "replay", {"--cassette", large.string()});
  const WrkRequest small_get{"GET", "/v1/assistants/asst_" + std::to_string(100000 + settings.small_cassette / 2), ""};
  const WrkRequest large_get{"GET", "/v1/assistants/asst_" + std::to_string(100000 + settings.large_cassette / 2), ""};
  std::vector<double> ratios;
  long errors = 0;
  for (int run = 0; run < settings.runs; ++run) {
    const bool small_first = run % 2 == 0;
    std::optional<WrkResult> s, l;
    for (int side = 0; side < 2; ++side) {
      const bool is_small = (side == 0) == small_first;
      (is_small ? s : l) = run_wrk(is_small ? small_server.port() : large_server.port(), is_small ? small_get : large_get,
                                   16, settings.seconds);
    }
    if (!s || !l) return false;
    errors += s->non_2xx + s->socket_errors + l->non_2xx + l->socket_errors;
    ratios.push_back(l->requests_per_second / std::max(s->requests_per_second, 1.0));
    std::printf("  run %d: %zu exchanges %.0f req/s (p99 %.2f ms), %zu exchanges %.0f req/s (p99 %.2f ms): %.2fx\n",
                run + 1, settings.small_cassette, s->requests_per_second, s->p99_ms, settings.large_cassette,
                l->requests_per_second, l->p99_ms, ratios.back());
    std::fflush(stdout);
  }
  std::printf("  replay large/small: %.2fx (median), errors %ld\n", median(ratios), errors);
  return errors == 0 && median(ratios) >= 0.8;
}

bool run_record_scale(const Settings& settings) {
  std::filesystem::create_directories(settings.work_dir);
  const std::filesystem::path cassette = settings.work_dir / "recorded.json";
  std::error_code ignored;
  std::filesystem::remove(cassette, ignored);
  std::filesystem::remove(cassettes::journal_path(cassette), ignored);
  // The upstream: the bare server, answering any path at once.
  const server_bench::BareServer upstream(mock::http::HttpServerConfig{});
  ChildServer recorder(settings.binary, "record",
                       {"--cassette", cassette.string(), "--upstream", "http://127.0.0.1:" + std::to_string(upstream.port())});
  std::printf("\nrecord: %zu exchanges through assistants-mock record (each synced to the journal), one client, "
              "distinct GETs; the upstream is the bare server\n",
              settings.record_exchanges);
  httplib::Client client("127.0.0.1", recorder.port());
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);
  const httplib::Headers headers{{"Authorization", "Bearer sk-bench"}, {"OpenAI-Beta", "assistants=v2"}};
  constexpr std::size_t k_block = 1000;
  std::vector<double> rates;
  std::size_t failures = 0;
  auto block_started = Clock::now();
  for (std::size_t i = 0; i < settings.record_exchanges; ++i) {
    const auto result = client.Get("/v1/assistants/asst_" + std::to_string(i), headers);
    if (!result || result->status != 200) ++failures;
    if ((i + 1) % k_block == 0) {
      rates.push_back(static_cast<double>(k_block) * 1000.0 / ms_since(block_started));
      block_started = Clock::now();
    }
  }
  std::string line;
  for (std::size_t b = 0; b < rates.size(); ++b) {
    char item[48];
    std::snprintf(item, sizeof(item), "%s%.0f", b == 0 ? "" : ", ", rates[b]);
    line += item;
  }
  std::printf("  exchanges/s per thousand: %s\n", line.c_str());
  const double early = rates.empty() ? 0 : rates.front();
  const double late = rates.empty() ? 0 : rates.back();
  const auto stop_started = Clock::now();
  const bool stopped = recorder.stop();
  std::printf("  first thousand %.0f/s, last thousand %.0f/s: %.2fx; %zu failed; stop (folds the journal in) %.0f ms%s\n",
              early, late, late / std::max(early, 1.0), failures, ms_since(stop_started), stopped ? "" : " (failed)");
  return failures == 0 && late >= 0.8 * early;
}

}  // namespace scale_bench
