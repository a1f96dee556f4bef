#include "recorder/replayer.hpp"

#include <chrono>
#include <optional>
#include <thread>
#include <utility>

#include "cassettes/body_codec.hpp"
#include "cassettes/sse.hpp"
#include "recorder/http_mapping.hpp"

namespace recorder {
namespace {

std::chrono::microseconds scaled(std::int64_t ms, double speed) {
  return std::chrono::microseconds(static_cast<std::int64_t>(static_cast<double>(ms) * 1000.0 / speed));
}

}  // namespace

Replayer::Replayer(std::shared_ptr<const cassettes::Cassette> cassette, MatcherSet matchers, double speed)
    : m_cassette(std::move(cassette)),
      m_matchers(std::move(matchers)),
      m_index(m_cassette->interactions, m_matchers),
      m_speed(speed),
      m_played(m_cassette->interactions.size(), false),
      m_cursor(m_index.bucket_count(), 0) {}

std::optional<std::size_t> Replayer::find_locked(const cassettes::RecordedRequest& live) const {
  const MatchIndex::Probe probe = m_index.probe(live);
  const auto bucket = m_index.bucket_for(probe);
  if (!bucket) return std::nullopt;
  const std::vector<std::size_t>& entries = m_index.entries(*bucket);
  const auto matching = [&](std::size_t index) {
    ++m_match_checks;
    return matches(m_matchers, live, m_cassette->interactions[index].request);
  };
  // The first matching recording not played yet; equal keys nearly always mean a match.
  for (std::size_t at = m_cursor[*bucket]; at < entries.size(); ++at) {
    if (!m_played[entries[at]] && matching(entries[at])) return entries[at];
  }
  // All played: the last one repeats.
  for (std::size_t at = entries.size(); at-- > 0;) {
    if (matching(entries[at])) return entries[at];
  }
  return std::nullopt;
}

std::optional<std::size_t> Replayer::find(const cassettes::RecordedRequest& live) const {
  const std::lock_guard lock(m_mutex);
  return find_locked(live);
}

std::optional<std::size_t> Replayer::take(const cassettes::RecordedRequest& live) {
  const std::lock_guard lock(m_mutex);
  const auto found = find_locked(live);
  if (!found) return found;
  m_played[*found] = true;
  const std::size_t bucket = m_index.bucket_of(*found);
  const std::vector<std::size_t>& entries = m_index.entries(bucket);
  std::size_t& cursor = m_cursor[bucket];
  while (cursor < entries.size() && m_played[entries[cursor]]) ++cursor;
  return found;
}

std::string Replayer::explain_miss(const cassettes::RecordedRequest& live) const {
  // The index and the cassette never change: no lock needed.
  const auto closest = m_index.closest(live, m_index.probe(live));
  return describe_miss(m_matchers, live, m_cassette->interactions, closest);
}

void Replayer::rewind() {
  const std::lock_guard lock(m_mutex);
  m_played.assign(m_played.size(), false);
  m_cursor.assign(m_cursor.size(), 0);
}

std::size_t Replayer::match_checks() const {
  const std::lock_guard lock(m_mutex);
  return m_match_checks;
}

mock::http::ApiResponse Replayer::respond(std::size_t index) const {
  const cassettes::Interaction& interaction = m_cassette->interactions.at(index);
  const cassettes::RecordedResponse& recorded = interaction.response;
  const auto* stream = std::get_if<cassettes::EventStreamBody>(&recorded.body);
  if (stream == nullptr) {
    if (m_speed > 0) std::this_thread::sleep_for(scaled(interaction.duration_ms, m_speed));
    mock::http::ApiResponse response =
        to_api_response(recorded.status, recorded.headers, cassettes::encode_body(recorded.body));
    if (response.content_type.empty() && !response.body.empty()) {
      // A hand-written cassette may leave it out; say what the stored body is.
      if (std::holds_alternative<cassettes::JsonBody>(recorded.body)) response.content_type = "application/json";
    }
    return response;
  }
  mock::http::ApiResponse response = to_api_response(recorded.status, recorded.headers, {});
  if (response.content_type.empty()) response.content_type = "text/event-stream";
  // The cassette outlives the server's requests: share it with the producer.
  response.stream = [cassette = m_cassette, index, speed = m_speed](mock::http::StreamSink& sink) {
    const auto& events = std::get<cassettes::EventStreamBody>(cassette->interactions[index].response.body).events;
    const auto started = std::chrono::steady_clock::now();
    for (const cassettes::SseEvent& event : events) {
      if (speed > 0) std::this_thread::sleep_until(started + scaled(event.at_ms, speed));
      if (!sink.write(cassettes::format_sse_event(event))) return;
    }
  };
  return response;
}

}  // namespace recorder
