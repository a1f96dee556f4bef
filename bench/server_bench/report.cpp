#include "bench/server_bench/report.hpp"

#include <algorithm>
#include <thread>

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

}  // namespace server_bench
