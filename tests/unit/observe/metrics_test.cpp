// The metrics page: valid Prometheus text (every sample line parses, every family has HELP
// and TYPE), and its counters move with the requests observed.
#include "observe/metrics.hpp"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <sstream>

namespace mock::observe {
namespace {

// name{labels} -> value, from the text format; fails the test on a line that does not parse.
std::map<std::string, double> parse_samples(const std::string& text) {
  static const std::regex sample(R"(^([a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})?) (-?[0-9.eE+-]+|\+Inf|NaN)$)");
  static const std::regex comment(R"(^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$)");
  std::map<std::string, double> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch m;
    if (std::regex_match(line, m, sample)) {
      out[m[1]] = std::stod(m[3]);
    } else {
      EXPECT_TRUE(std::regex_match(line, comment)) << "not Prometheus text: " << line;
    }
  }
  return out;
}

http::ApiResponse answer(int status, std::string served_by) {
  http::ApiResponse out;
  out.status = status;
  out.served_by = std::move(served_by);
  return out;
}

TEST(Metrics, CountersMoveWithWhatIsObserved) {
  Metrics metrics;
  metrics.set_journal_dropped([] { return std::uint64_t{7}; });
  auto before = parse_samples(metrics.render());
  EXPECT_EQ(before["assistants_mock_request_duration_seconds_count"], 0);

  metrics.observe(answer(200, "runs.create"), 3.0);
  metrics.observe(answer(200, "runs.create"), 30.0);
  metrics.observe(answer(404, ""), 0.1);
  metrics.observe(answer(200, "cassette seed #3"), 0.2);

  auto after = parse_samples(metrics.render());
  EXPECT_EQ(after[R"(assistants_mock_requests_total{route="runs.create",status="200"})"], 2);
  EXPECT_EQ(after[R"(assistants_mock_requests_total{route="unmatched",status="404"})"], 1);
  EXPECT_EQ(after["assistants_mock_request_duration_seconds_count"], 4);
  EXPECT_NEAR(after["assistants_mock_request_duration_seconds_sum"], 0.0333, 1e-6);
  EXPECT_EQ(after[R"(assistants_mock_request_duration_seconds_bucket{le="0.005"})"], 3);
  EXPECT_EQ(after[R"(assistants_mock_request_duration_seconds_bucket{le="0.025"})"], 3);
  EXPECT_EQ(after[R"(assistants_mock_request_duration_seconds_bucket{le="0.05"})"], 4);
  EXPECT_EQ(after[R"(assistants_mock_request_duration_seconds_bucket{le="+Inf"})"], 4);
  EXPECT_EQ(after["assistants_mock_replay_hits_total"], 1);
  EXPECT_EQ(after["assistants_mock_unmatched_total"], 1);
  EXPECT_EQ(after["assistants_mock_journal_dropped_total"], 7);
}

TEST(Metrics, OpenStreamsCountsAStreamWhileItRuns) {
  Metrics metrics;
  struct NullSink : http::StreamSink {
    bool write(std::string_view) override { return true; }
  } sink;
  double during = -1;
  http::StreamProducer tracked = metrics.track_stream([&](http::StreamSink&) {
    during = parse_samples(metrics.render())["assistants_mock_open_streams"];
  });
  tracked(sink);
  EXPECT_EQ(during, 1);
  EXPECT_EQ(parse_samples(metrics.render())["assistants_mock_open_streams"], 0);
  http::StreamProducer failing = metrics.track_stream([](http::StreamSink&) { throw std::runtime_error("gone"); });
  EXPECT_THROW(failing(sink), std::runtime_error);
  EXPECT_EQ(metrics.open_streams(), 0) << "a producer that throws still closes its count";
}

TEST(Metrics, ExtraSourcesAndLabelEscaping) {
  Metrics metrics;
  metrics.add_source([] {
    return std::string("# HELP assistants_mock_runs Runs by status.\n# TYPE assistants_mock_runs gauge\n"
                       "assistants_mock_runs{status=\"queued\"} 2\n");
  });
  metrics.observe(answer(200, "odd \"route\"\n"), 1);
  const auto samples = parse_samples(metrics.render());
  EXPECT_EQ(samples.at(R"(assistants_mock_runs{status="queued"})"), 2);
  EXPECT_EQ(label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

}  // namespace
}  // namespace mock::observe
