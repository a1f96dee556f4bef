#pragma once
// The report: one row per scenario (mock vs bare), the side-by-side table, the cost of our
// dispatch alone, the error lines, and the summary of targets.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bench/server_bench/load.hpp"
#include "bench/server_bench/settings.hpp"
#include "http/http_server.hpp"

namespace server_bench {

struct Row {
  std::string scenario;
  Stats mock;
  Stats bare;
  std::size_t mock_bytes = 0;
  std::size_t bare_bytes = 0;
  std::optional<double> dispatch_us;  // MockServer::handle() alone, no HTTP
  std::vector<double> slice_ratios;    // mock/bare of each round: how noisy the ratio is
  bool has_target = false;             // the target: mock >= 0.8x bare
  std::string spread() const;
  bool has_ratio() const { return mock.measured && bare.measured && bare.rate > 0; }
  double ratio() const { return has_ratio() ? mock.rate / bare.rate : 0.0; }
  std::string ratio_text() const;
};

inline constexpr std::size_t k_name_width = 30;

// The ratios that are not one row's mock/bare: a list page on the large thread against the
// small one (and the deep page), and the journal on against off.
struct Verdicts {
  std::optional<double> list_ratio;
  std::optional<double> deep_ratio;
  std::vector<std::string> list_labels;  // large, small, the marked message's number
  std::optional<double> journal_get_ratio;
  std::optional<double> journal_post_ratio;
};

// What is measured, on what machine, against what: printed before the first scenario.
void print_bench_header(const Settings& settings, const mock::http::HttpServerConfig& http_config,
                        const std::string& mock_url, int bare_port);
void print_dispatch_costs(const std::vector<Row>& rows);
void print_table(const std::vector<Row>& rows);
// Each target and whether it was met, then the count of failed requests.
void print_summary(const std::vector<Row>& rows, const Verdicts& verdicts, std::uint64_t errors);

// Errors are reported, never hidden: every target with a failed request gets a line.
// Returns the number of failed requests.
std::uint64_t report_errors(const std::string& scenario, const std::string& target,
                            const Measurement& m);

}  // namespace server_bench
