#include "observe/metrics.hpp"

#include <memory>
#include <sstream>

namespace mock::observe {

std::string label_value(std::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

void Metrics::observe(const http::ApiResponse& response, double duration_ms) {
  const double seconds = duration_ms / 1000.0;
  const std::string route = response.served_by.empty() ? "unmatched" : response.served_by;
  std::lock_guard lock(m_mutex);
  ++m_requests[{route, response.status}];
  ++m_count;
  m_sum_seconds += seconds;
  for (std::size_t i = 0; i < k_buckets_seconds.size(); ++i) {
    if (seconds <= k_buckets_seconds[i]) ++m_bucket_counts[i];
  }
  if (route.starts_with("cassette")) ++m_replay_hits;
  if (route == "unmatched") ++m_unmatched;
}

http::StreamProducer Metrics::track_stream(http::StreamProducer producer) {
  return [this, producer = std::move(producer)](http::StreamSink& sink) {
    ++m_open_streams;
    // Decrement even if the producer throws.
    const std::unique_ptr<std::atomic<std::int64_t>, void (*)(std::atomic<std::int64_t>*)> guard(
        &m_open_streams, [](std::atomic<std::int64_t>* open) { --*open; });
    producer(sink);
  };
}

void Metrics::add_source(std::function<std::string()> source) {
  std::lock_guard lock(m_mutex);
  m_sources.push_back(std::move(source));
}

std::string Metrics::render() const {
  std::ostringstream out;
  std::vector<std::function<std::string()>> sources;
  {
    std::lock_guard lock(m_mutex);
    out << "# HELP assistants_mock_requests_total Requests answered, by what served them and status.\n"
        << "# TYPE assistants_mock_requests_total counter\n";
    for (const auto& [key, count] : m_requests) {
      out << "assistants_mock_requests_total{route=\"" << label_value(key.first) << "\",status=\""
          << key.second << "\"} " << count << "\n";
    }
    out << "# HELP assistants_mock_request_duration_seconds Time to answer a request (streams: to the first byte).\n"
        << "# TYPE assistants_mock_request_duration_seconds histogram\n";
    for (std::size_t i = 0; i < k_buckets_seconds.size(); ++i) {
      out << "assistants_mock_request_duration_seconds_bucket{le=\"" << k_buckets_seconds[i]
          << "\"} " << m_bucket_counts[i] << "\n";
    }
    out << "assistants_mock_request_duration_seconds_bucket{le=\"+Inf\"} " << m_count << "\n"
        << "assistants_mock_request_duration_seconds_sum " << m_sum_seconds << "\n"
        << "assistants_mock_request_duration_seconds_count " << m_count << "\n";
    out << "# HELP assistants_mock_replay_hits_total Requests served from a cassette.\n"
        << "# TYPE assistants_mock_replay_hits_total counter\n"
        << "assistants_mock_replay_hits_total " << m_replay_hits << "\n"
        << "# HELP assistants_mock_unmatched_total Requests nothing served (unknown route, replay miss).\n"
        << "# TYPE assistants_mock_unmatched_total counter\n"
        << "assistants_mock_unmatched_total " << m_unmatched << "\n";
    sources = m_sources;
  }
  out << "# HELP assistants_mock_open_streams Streamed responses being sent now.\n"
      << "# TYPE assistants_mock_open_streams gauge\n"
      << "assistants_mock_open_streams " << m_open_streams.load() << "\n";
  if (m_journal_dropped) {
    out << "# HELP assistants_mock_journal_dropped_total Journal entries dropped to keep it bounded.\n"
        << "# TYPE assistants_mock_journal_dropped_total counter\n"
        << "assistants_mock_journal_dropped_total " << m_journal_dropped() << "\n";
  }
  for (const auto& source : sources) out << source();
  return out.str();
}

}  // namespace mock::observe
