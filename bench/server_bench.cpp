// server-bench: our mock server against a bare cpp-httplib 0.11.4 server, side by side in
// one process on 127.0.0.1, with a keep-alive load generator. See bench/README.md.
//
// Both servers get the settings TOOLCHAIN.md says make Debian's 0.11.4 fast: TCP_NODELAY,
// a large keep-alive request count, a thread pool of the same size (ours: 64) and the
// re-listen trick that enlarges the accept backlog from 5. The bare server routes ".*" like
// ours does and gets the same requests (headers included), so the difference between the
// two is the cost of our own code.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bench/server_bench/baseline_servers.hpp"
#include "bench/server_bench/clients.hpp"
#include "bench/server_bench/dispatch.hpp"
#include "bench/server_bench/load.hpp"
#include "bench/server_bench/machine.hpp"
#include "bench/server_bench/populate.hpp"
#include "bench/server_bench/report.hpp"
#include "bench/server_bench/settings.hpp"
#include "bench/server_bench/text.hpp"
#include "bench/server_bench/watchdog.hpp"
#include "cassettes/sse.hpp"
#include "http/api_message.hpp"
#include "http/http_server.hpp"
#include "mock/server/mock_server.hpp"
#include "observe/journal.hpp"

namespace server_bench {
namespace {

// The benchmark: the mock and the bare server side by side, the scenarios run against both,
// and the rows of the report.
class Bench {
public:
  explicit Bench(Settings settings) : m_settings(std::move(settings)) {
    mock::MockServerConfig config;
    config.http.host = k_host;
    config.http.port = 0;
    config.api_key = k_api_key;
    config.seed = 42;
    m_http_config = config.http;
    m_mock = std::make_unique<mock::MockServer>(std::move(config));
    m_mock->start();
    m_bare = std::make_unique<BareServer>(m_http_config);
    m_setup = make_client(m_mock->port(), mock_headers());
  }

  void print_header() const {
    print_bench_header(m_settings, m_http_config, m_mock->base_url(), m_bare->port());
  }

  void run() {
    const bool all = m_settings.scenario == "all";
    if (all || m_settings.scenario == "get") run_get();
    if (all || m_settings.scenario == "post") run_post();
    if (all || m_settings.scenario == "list") run_list();
    if (all || m_settings.scenario == "journal") run_journal();
    if (all || m_settings.scenario == "responses") run_responses();
    say("");
    print_table(m_rows);
    say("");
    print_dispatch_costs(m_rows);
    say("");
    print_summary(m_rows, m_verdicts, m_errors);
  }

  std::uint64_t errors() const { return m_errors; }

private:
  Target mock_target(const std::string& name, std::vector<Call> calls) const {
    return Target{name, true, m_mock->port(), mock_headers(), std::move(calls)};
  }
  // The bare server gets the same request headers, so both sides parse the same request.
  Target bare_target(const std::string& name, std::vector<Call> calls) const {
    return Target{name, false, m_bare->port(), mock_headers(), std::move(calls)};
  }

  // `count_bare` is false when several rows share one baseline measurement. `mock_call` is
  // the request the mock side sent, timed once more through MockServer::handle() alone.
  const Row& add_row(const std::string& scenario, Measurement& mock, Measurement& bare,
                     const std::optional<Call>& mock_call, bool count_bare = true) {
    m_errors += report_errors(scenario, "mock", mock);
    if (count_bare) m_errors += report_errors(scenario, "bare", bare);
    Row row;
    row.scenario = scenario;
    row.mock_bytes = mock.last_body_bytes;
    row.bare_bytes = bare.last_body_bytes;
    row.mock = stats_of(mock);
    row.bare = stats_of(bare);
    row.has_target = mock_call.has_value();
    if (mock_call && m_settings.only != "bare") row.dispatch_us = dispatch_micros(scenario, *mock_call);
    for (std::size_t i = 0; i < mock.slice_rates.size() && i < bare.slice_rates.size(); ++i) {
      if (bare.slice_rates[i] > 0) row.slice_ratios.push_back(mock.slice_rates[i] / bare.slice_rates[i]);
    }
    m_rows.push_back(row);
    const auto rate = [](const Stats& st) {
      return st.measured ? with_commas(static_cast<std::uint64_t>(st.rate)) + " req/s" : "-";
    };
    say("  " + pad_right(scenario, k_name_width) + " mock " + rate(row.mock) + ", bare " +
        rate(row.bare) + ", " + row.ratio_text() +
        (row.spread().empty() ? "" : " (per slice " + row.spread() + ")") +
        (row.dispatch_us ? "; handle() alone " + fixed(*row.dispatch_us, 1) + " us" : ""));
    return m_rows.back();
  }

  // handle() alone for the request the mock side sent; failures are counted as errors.
  double dispatch_micros(const std::string& scenario, const Call& call) {
    const DispatchTiming timing = time_dispatch(*m_mock, call);
    if (timing.failures != 0) {
      m_errors += timing.failures;
      say("  ERRORS in " + scenario + " [handle() alone]: " + with_commas(timing.failures) +
          " non-2xx; first: " + timing.first_failure);
    }
    return timing.micros_per_call;
  }

  void run_get() {
    say("[get] GET /v1/assistants/{id} vs bare GET");
    const Json assistant = setup_call(
        *m_setup, {"POST", "/v1/assistants",
                   Json{{"model", "gpt-4o"},
                        {"name", "bench assistant"},
                        {"instructions", "You answer benchmark requests."}}
                       .dump()});
    const std::string id = assistant.at("id").get<std::string>();
    const Target mock = mock_target("mock", {{"GET", "/v1/assistants/" + id, ""}});
    const Target bare = bare_target("bare", {{"GET", "/v1/assistants/" + id, ""}});
    // Our HTTP front alone, answering the bare body: how much of the difference is the front.
    const FrontServer front_server(m_http_config);
    const Target front{"front", false, front_server.port(), mock_headers(), {{"GET", "/v1/assistants/" + id, ""}}};
    auto results = measure({&mock, &bare, &front}, m_settings);
    add_row("GET assistant", results[0], results[1], mock.calls[0]);
    add_row("front only, fixed body", results[2], results[1], std::nullopt, false);
  }

  void run_post() {
    say("[post] POST /v1/threads/{id}/messages (one thread per client thread) vs bare POST");
    const std::string body =
        Json{{"role", "user"}, {"content", "How fast is the mock server today?"}}.dump();
    std::vector<Call> mock_calls;
    for (std::size_t c = 0; c < m_settings.clients; ++c) {
      const Json thread = setup_call(*m_setup, {"POST", "/v1/threads", "{}"});
      mock_calls.push_back(
          {"POST", "/v1/threads/" + thread.at("id").get<std::string>() + "/messages", body});
    }
    const Target mock = mock_target("mock", mock_calls);
    const Target bare = bare_target("bare", {{"POST", "/v1/threads/thread_x/messages", body}});
    auto results = measure({&mock, &bare}, m_settings);
    add_row("POST message", results[0], results[1], mock.calls[0]);
  }

  // The Responses API: a stored, non-streamed response per request, and the same streamed,
  // against a bare POST of the same body (target >= 0.8x for the stored one). The streamed
  // row has no ratio target; its figure is events per second:
  // answers per second times the events of one streamed answer, counted once beforehand.
  void run_responses() {
    say("[responses] POST /v1/responses (stored), and with stream: true, vs bare POST");
    const std::string body = Json{{"model", "gpt-4o"}, {"input", "How fast is the mock server today?"}}.dump();
    const std::string streamed = Json{{"model", "gpt-4o"}, {"stream", true},
                                      {"input", "How fast is the mock server today?"}}.dump();
    const auto probe = m_setup->Post("/v1/responses", streamed, "application/json");
    if (!probe || probe->status != 200) throw std::runtime_error("a streamed POST /v1/responses failed");
    cassettes::SseParser parser;
    const std::size_t events = parser.feed(probe->body, 0).size() + parser.finish(0).size();
    const Target plain = mock_target("mock", {{"POST", "/v1/responses", body}});
    const Target stream = mock_target("mock streamed", {{"POST", "/v1/responses", streamed}});
    const Target bare = bare_target("bare", {{"POST", "/v1/responses", body}});
    auto results = measure({&plain, &stream, &bare}, m_settings);
    add_row("POST response", results[0], results[2], plain.calls[0]);
    const Stats stream_stats = add_row("POST response, streamed", results[1], results[2], std::nullopt, false).mock;
    say("  streamed: " + std::to_string(events) + " events per response, " +
        with_commas(static_cast<std::uint64_t>(stream_stats.rate * static_cast<double>(events))) + " events/s");
  }

  // Creates a thread of `count` messages; returns its id and the id of message `marked`.
  std::pair<std::string, std::string> populated_thread(std::size_t count, std::size_t marked) {
    const Json thread = setup_call(*m_setup, {"POST", "/v1/threads", "{}"});
    const std::string thread_id = thread.at("id").get<std::string>();
    std::atomic<std::uint64_t> done{0};
    const std::string label = "populating " + thread_id;
    // Message `marked` is posted alone between two parallel phases, so it is exactly the
    // marked-th message in creation order.
    std::string marked_id;
    PopulateResult outcome = with_progress(label, count, done, [&] {
      PopulateResult first{};
      if (marked > 1) {
        first = post_messages(m_mock->port(), thread_id, 1, marked - 1, m_settings.clients, done);
      }
      if (first.errors != 0) return first;
      const Json message = setup_call(*m_setup, {"POST", "/v1/threads/" + thread_id + "/messages",
                                                 message_body(marked)});
      marked_id = message.at("id").get<std::string>();
      done.fetch_add(1);
      if (marked < count) {
        return post_messages(m_mock->port(), thread_id, marked + 1, count, m_settings.clients,
                             done);
      }
      return first;
    });
    if (outcome.errors != 0) {
      m_errors += outcome.errors;
      throw std::runtime_error("populating " + thread_id + ": " + with_commas(outcome.errors) +
                               " failed requests; first: " + outcome.first_error);
    }
    return {thread_id, marked_id};
  }

  void run_list() {
    const std::size_t big = m_settings.messages;
    const std::size_t small = m_settings.small_messages;
    const std::size_t middle = std::max<std::size_t>(big / 2, 21);
    say("[list] GET /v1/threads/{id}/messages?limit=20 on " + with_commas(big) + " vs " +
        with_commas(small) + " messages (no runs are started)");
    const auto [big_id, middle_id] = populated_thread(big, middle);
    const auto [small_id, unused] = populated_thread(small, small);
    (void)unused;
    say("  server RSS after populating: " + resident_memory());

    const std::string big_path = "/v1/threads/" + big_id + "/messages?limit=20";
    const std::string small_path = "/v1/threads/" + small_id + "/messages?limit=20";
    const std::string deep_path = big_path + "&after=" + middle_id;
    // Default order is desc: the newest first; after the marked message come older ones.
    // Parallel posting reorders neighbours by at most a few places per client thread.
    const std::size_t slack = 20 + 4 * m_settings.clients;
    const auto minus_slack = [slack](std::size_t n) { return n > slack ? n - slack : 1; };
    check_page(*m_setup, short_count(big), big_path, minus_slack(big), big, m_errors);
    const std::size_t page_bytes =
        check_page(*m_setup, short_count(small), small_path, minus_slack(small), small, m_errors);
    check_page(*m_setup, short_count(big), deep_path, minus_slack(middle), middle - 1, m_errors);

    const Target mock_big = mock_target("mock 100k", {{"GET", big_path, ""}});
    const Target mock_small = mock_target("mock 1k", {{"GET", small_path, ""}});
    const Target mock_deep = mock_target("mock deep", {{"GET", deep_path, ""}});
    // The bare baseline answers a body as large as the mock's page.
    const Target bare = bare_target("bare", {{"GET", "/sized/" + std::to_string(page_bytes), ""}});
    auto results = measure({&mock_big, &mock_small, &mock_deep, &bare}, m_settings);
    const std::string big_name = "list " + short_count(big) + " limit=20";
    const std::string small_name = "list " + short_count(small) + " limit=20";
    const std::string deep_name = "list " + short_count(big) + " after=" + short_count(middle) + "th";
    // The one bare measurement is the baseline of all three rows.
    const Stats big_stats = add_row(big_name, results[0], results[3], mock_big.calls[0]).mock;
    const Stats small_stats =
        add_row(small_name, results[1], results[3], mock_small.calls[0], false).mock;
    const Stats deep_stats =
        add_row(deep_name, results[2], results[3], mock_deep.calls[0], false).mock;
    if (small_stats.measured && small_stats.rate > 0) {
      m_verdicts.list_ratio = big_stats.rate / small_stats.rate;
      m_verdicts.deep_ratio = deep_stats.rate / small_stats.rate;
    }
    m_verdicts.list_labels = {short_count(big), short_count(small), short_count(middle)};
  }

  // The journal's cost: the same requests on two fresh mocks that differ only in the journal,
  // on (default size) and off (--journal-size 0), measured side by side. Fresh, both: the
  // main mock holds the list scenario's 101,000 messages by now.
  void run_journal() {
    say("[journal] a mock with its journal on (" + with_commas(mock::observe::Journal::k_default_capacity) +
        " entries) vs one with --journal-size 0");
    const auto fresh_mock = [](std::size_t journal_size) {
      mock::MockServerConfig config;
      config.http.host = k_host;
      config.http.port = 0;
      config.api_key = k_api_key;
      config.seed = 43;
      config.journal_size = journal_size;
      auto server = std::make_unique<mock::MockServer>(std::move(config));
      server->start();
      return server;
    };
    const auto journal_on = fresh_mock(mock::observe::Journal::k_default_capacity);
    const auto journal_off = fresh_mock(0);
    const auto on_setup = make_client(journal_on->port(), mock_headers());
    const auto off_setup = make_client(journal_off->port(), mock_headers());
    const Call create_assistant{"POST", "/v1/assistants", Json{{"model", "gpt-4o"}, {"name", "journal bench"}}.dump()};
    const std::string on_id = setup_call(*on_setup, create_assistant).at("id").get<std::string>();
    const std::string off_id = setup_call(*off_setup, create_assistant).at("id").get<std::string>();
    const Target on_get{"journal on", true, journal_on->port(), mock_headers(), {{"GET", "/v1/assistants/" + on_id, ""}}};
    const Target off_get{"journal off", true, journal_off->port(), mock_headers(),
                         {{"GET", "/v1/assistants/" + off_id, ""}}};
    auto get_results = measure({&on_get, &off_get}, m_settings);

    const std::string body = Json{{"role", "user"}, {"content", "Is the journal free?"}}.dump();
    std::vector<Call> on_posts;
    std::vector<Call> off_posts;
    for (std::size_t c = 0; c < m_settings.clients; ++c) {
      const Call create_thread{"POST", "/v1/threads", "{}"};
      on_posts.push_back({"POST", "/v1/threads/" + setup_call(*on_setup, create_thread).at("id").get<std::string>() +
                                      "/messages", body});
      off_posts.push_back({"POST", "/v1/threads/" + setup_call(*off_setup, create_thread).at("id").get<std::string>() +
                                       "/messages", body});
    }
    const Target on_post{"journal on", true, journal_on->port(), mock_headers(), on_posts};
    const Target off_post{"journal off", true, journal_off->port(), mock_headers(), off_posts};
    auto post_results = measure({&on_post, &off_post}, m_settings);

    const auto compare = [this](const std::string& name, Measurement& on, Measurement& off) -> std::optional<double> {
      m_errors += report_errors(name, "journal on", on);
      m_errors += report_errors(name, "journal off", off);
      const Stats on_stats = stats_of(on);
      const Stats off_stats = stats_of(off);
      if (!on_stats.measured || !off_stats.measured || off_stats.rate <= 0) return std::nullopt;
      const double ratio = on_stats.rate / off_stats.rate;
      say("  " + pad_right(name, k_name_width) + " journal on " + with_commas(static_cast<std::uint64_t>(on_stats.rate)) +
          " req/s (p99 " + fixed(on_stats.p99_ms, 3) + " ms), off " +
          with_commas(static_cast<std::uint64_t>(off_stats.rate)) + " req/s (p99 " + fixed(off_stats.p99_ms, 3) +
          " ms): " + fixed(ratio, 2) + "x");
      return ratio;
    };
    m_verdicts.journal_get_ratio = compare("GET assistant", get_results[0], get_results[1]);
    m_verdicts.journal_post_ratio = compare("POST message", post_results[0], post_results[1]);
  }

  static std::string short_count(std::size_t n) {
    if (n >= 1000 && n % 1000 == 0) return std::to_string(n / 1000) + "k";
    return with_commas(n);
  }

  Settings m_settings;
  mock::http::HttpServerConfig m_http_config;
  std::unique_ptr<mock::MockServer> m_mock;
  std::unique_ptr<BareServer> m_bare;
  std::unique_ptr<httplib::Client> m_setup;
  std::vector<Row> m_rows;
  std::uint64_t m_errors = 0;
  Verdicts m_verdicts;
};

}  // namespace
}  // namespace server_bench

int main(int argc, char** argv) {
  server_bench::Settings settings;
  CLI::App app{"server-bench: throughput and latency of assistants-mock vs a bare cpp-httplib "
               "server, side by side, on 127.0.0.1"};
  app.add_option("--seconds", settings.seconds, "measured seconds per target and scenario")
      ->check(CLI::Range(0.1, 600.0))
      ->capture_default_str();
  app.add_option("--clients", settings.clients, "client threads, one keep-alive connection each")
      ->check(CLI::Range(1, 48))
      ->capture_default_str();
  app.add_option("--messages", settings.messages, "messages in the large thread of the list scenario")
      ->check(CLI::Range(100, 500000))
      ->capture_default_str();
  app.add_option("--scenario", settings.scenario, "run one scenario")
      ->check(CLI::IsMember({"all", "get", "post", "list", "journal", "responses"}))
      ->capture_default_str();
  app.add_option("--warmup", settings.warmup, "unmeasured seconds before each measured slice")
      ->check(CLI::Range(0.0, 60.0))
      ->capture_default_str();
  app.add_option("--only", settings.only,
                 "measure only one side, e.g. under perf; the other side's cells print '-'")
      ->check(CLI::IsMember({"both", "mock", "bare"}))
      ->capture_default_str();
  app.add_option("--rounds", settings.rounds,
                 "slices per target, alternating the order of the targets")
      ->check(CLI::Range(1, 20))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  settings.small_messages = std::min<std::size_t>(1000, settings.messages);

  // Fifteen targets at most (2 + 2 + 4 + 4 + 3), each measured for --seconds in --rounds slices with a
  // warm-up; populating at 500 messages/s or faster; two minutes of slack for set-up.
  const double limit =
      120.0 +
      15.0 * (settings.seconds + static_cast<double>(settings.rounds) * (settings.warmup + 1.0)) +
      static_cast<double>(settings.messages + settings.small_messages) / 500.0;
  server_bench::Watchdog watchdog(limit);
  try {
    server_bench::Bench bench(settings);
    bench.print_header();
    bench.run();
    return bench.errors() == 0 ? 0 : 1;
  } catch (const std::exception& error) {
    std::fflush(stdout);
    std::fprintf(stderr, "server-bench: %s\n", error.what());
    return 2;
  }
}
