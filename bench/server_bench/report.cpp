#include "bench/server_bench/report.hpp"

#include <algorithm>
#include <thread>
#include <utility>

#include <httplib.h>

#include "bench/server_bench/baseline_servers.hpp"
#include "bench/server_bench/machine.hpp"
#include "bench/server_bench/text.hpp"

namespace server_bench {
namespace {

std::string stats_cells(const Stats& s, std::size_t bytes) {
  if (!s.measured) {
    return pad_left("-", 9) + pad_left("-", 8) + pad_left("-", 8) + pad_left("-", 8) +
           pad_left("-", 5) + pad_left("-", 7);
  }
  return pad_left(with_commas(static_cast<std::uint64_t>(s.rate + 0.5)), 9) +
         pad_left(fixed(s.p50_ms, 3), 8) + pad_left(fixed(s.p99_ms, 3), 8) +
         pad_left(fixed(s.max_ms, 2), 8) + pad_left(with_commas(s.errors), 5) +
         pad_left(with_commas(bytes), 7);
}

}  // namespace

std::string Row::spread() const {
  if (slice_ratios.size() < 2) return "";
  const auto [low, high] = std::minmax_element(slice_ratios.begin(), slice_ratios.end());
  return fixed(*low, 2) + "-" + fixed(*high, 2) + "x";
}

std::string Row::ratio_text() const { return has_ratio() ? fixed(ratio(), 2) + "x" : "-"; }

void print_bench_header(const Settings& s, const mock::http::HttpServerConfig& http_config,
                      const std::string& mock_url, int bare_port) {
  say("server-bench: assistants-mock vs bare cpp-httplib " CPPHTTPLIB_VERSION
      ", in one process, loopback only");
  say("machine:  " + std::to_string(std::thread::hardware_concurrency()) + " cores (nproc), " +
      cpu_model() + ", load average " + load_average());
  say("servers:  mock up to " + std::to_string(http_config.threads) + " threads started on demand, bare " +
      std::to_string(std::min(http_config.threads, BareServer::k_bare_threads)) +
      "-thread pool; TCP_NODELAY, keep-alive max " +
      with_commas(http_config.keep_alive_max_requests) + " requests, listen backlog " +
      std::to_string(http_config.listen_backlog) + " (re-listen), route \".*\"");
  say("          allocator " AM_SERVER_ALLOCATOR " for both (one process; cmake/Dependencies.cmake)");
  say("          mock " + mock_url + " (api key + OpenAI-Beta checked); bare http://" +
      k_host + ":" + std::to_string(bare_port) + " answers a fixed " +
      std::to_string(BareServer::k_fixed_body_bytes) +
      "-byte JSON body (GET /sized/N: N bytes)");
  say("load:     " + std::to_string(s.clients) +
      " client threads, one keep-alive connection each (TCP_NODELAY), back-to-back requests;");
  say("          both sides get the same headers (Authorization: Bearer sk-bench, OpenAI-Beta: "
      "assistants=v2)");
  say("          " + fixed(s.seconds, 1) + " s measured per target in " +
      std::to_string(s.rounds) + " alternating slices, " + fixed(s.warmup, 2) +
      " s warm-up before each slice");
  say("scenario: " + s.scenario + "; list thread sizes " + with_commas(s.messages) + " and " +
      with_commas(s.small_messages) + " messages" +
      (s.only == "both" ? "" : "; measuring only the " + s.only + " side"));
  say("req/s counts 2xx answers; latencies in ms over all answers; err = non-2xx + transport "
      "errors; bytes = response body");
  say("");
}

void print_dispatch_costs(const std::vector<Row>& rows) {
  bool any = false;
  for (const Row& row : rows) any = any || row.dispatch_us.has_value();
  if (!any) return;
  const double cores = std::max(1.0, static_cast<double>(std::thread::hardware_concurrency()));
  say("our code alone: MockServer::handle() on one thread, no sockets or httplib, in us per");
  say("request; a whole bare request (client + server + kernel) costs about cores / bare req/s:");
  for (const Row& row : rows) {
    if (!row.dispatch_us) continue;
    std::string line = "  " + pad_right(row.scenario, k_name_width) +
                       pad_left(fixed(*row.dispatch_us, 1), 8) + " us";
    if (row.bare.measured && row.bare.rate > 0) {
      const double bare_cpu_us = cores * 1e6 / row.bare.rate;
      line += "   (bare request: ~" + fixed(bare_cpu_us, 1) + " us of CPU)";
    }
    say(line);
  }
}

void print_table(const std::vector<Row>& rows) {
  const std::string side = pad_left("req/s", 9) + pad_left("p50 ms", 8) + pad_left("p99 ms", 8) +
                           pad_left("max ms", 8) + pad_left("err", 5) + pad_left("bytes", 7);
  const std::string head1 = pad_right("", k_name_width) + " | " + pad_right("mock", side.size()) +
                            " | " + pad_right("bare httplib", side.size()) + " | mock/bare";
  const std::string head2 = pad_right("scenario", k_name_width) + " | " + side + " | " + side +
                            " | " + pad_left("req/s", 9);
  say(head1);
  say(head2);
  say(std::string(head2.size(), '-'));
  for (const Row& row : rows) {
    say(pad_right(row.scenario, k_name_width) + " | " + stats_cells(row.mock, row.mock_bytes) +
        " | " + stats_cells(row.bare, row.bare_bytes) + " | " +
        pad_left(row.ratio_text(), 9));
  }
}

std::uint64_t report_errors(const std::string& scenario, const std::string& target,
                            const Measurement& m) {
  if (m.errors() == 0) return 0;
  say("  ERRORS in " + scenario + " [" + target + "]: " + with_commas(m.non_2xx) +
      " non-2xx, " + with_commas(m.transport_errors) + " transport; first: " + m.first_error);
  return m.errors();
}

void print_summary(const std::vector<Row>& rows, const Verdicts& verdicts, std::uint64_t errors) {
  say("summary:");
  for (const Row& row : rows) {
    if (!row.has_ratio()) continue;
    const std::string spread = row.spread().empty() ? "" : "; per slice " + row.spread();
    if (row.has_target) {
      say("  " + row.scenario + ": mock/bare = " + row.ratio_text() + " (target >= 0.8x) " +
          (row.ratio() >= 0.8 ? "ok" : "BELOW TARGET") + spread);
    } else {
      say("  " + row.scenario + ": " + row.ratio_text() + " of bare (for reference, no target)" + spread);
    }
  }
  if (verdicts.list_ratio) {
    const std::vector<std::string>& labels = verdicts.list_labels;
    const double list = *verdicts.list_ratio;
    const double deep = *verdicts.deep_ratio;
    say("  list page " + labels[0] + " vs " + labels[1] + " messages: " + fixed(list, 2) +
        "x (target: ~1x) " + (list >= 0.8 && list <= 1.25 ? "ok" : "NOT FLAT"));
    say("  list page after the " + labels[2] + "th of " + labels[0] + " vs " + labels[1] +
        " messages: " + fixed(deep, 2) + "x (target: ~1x) " +
        (deep >= 0.8 && deep <= 1.25 ? "ok" : "NOT FLAT"));
  }
  for (const auto& [name, ratio] : {std::pair{"GET assistant", verdicts.journal_get_ratio},
                                    std::pair{"POST message", verdicts.journal_post_ratio}}) {
    if (!ratio) continue;
    say(std::string("  journal on/off, ") + name + ": " + fixed(*ratio, 2) + "x (target >= 0.9x) " +
        (*ratio >= 0.9 ? "ok" : "BELOW TARGET"));
  }
  say(errors == 0 ? "  errors: none"
                  : "  errors: " + with_commas(errors) + " failed requests (see above)");
}

}  // namespace server_bench
