#pragma once
// Counters for GET /__admin/metrics in the Prometheus text format: requests by route and
// status, a latency histogram, open streams, replay hits and misses, journal drops, plus
// gauges other parts register (runs by status).
#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "http/api_message.hpp"

namespace mock::observe {

class Metrics {
public:
  void observe(const http::ApiResponse& response, double duration_ms);
  // Wraps a streamed body so open_streams counts it while it runs.
  http::StreamProducer track_stream(http::StreamProducer producer);
  // A source of extra lines (with their # HELP/# TYPE), called at every scrape.
  void add_source(std::function<std::string()> source);
  void set_journal_dropped(std::function<std::uint64_t()> dropped) { m_journal_dropped = std::move(dropped); }

  std::string render() const;
  std::int64_t open_streams() const { return m_open_streams.load(); }

  static constexpr std::array<double, 10> k_buckets_seconds = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                               0.025,  0.05,  0.1,    0.5,   1.0};

private:
  mutable std::mutex m_mutex;
  std::map<std::pair<std::string, int>, std::uint64_t> m_requests;  // (served_by, status)
  std::array<std::uint64_t, k_buckets_seconds.size()> m_bucket_counts{};
  std::uint64_t m_count = 0;
  double m_sum_seconds = 0;
  std::uint64_t m_replay_hits = 0;
  std::uint64_t m_unmatched = 0;
  std::atomic<std::int64_t> m_open_streams{0};
  std::vector<std::function<std::string()>> m_sources;
  std::function<std::uint64_t()> m_journal_dropped;
};

// Escapes a Prometheus label value.
std::string label_value(std::string_view value);

}  // namespace mock::observe
