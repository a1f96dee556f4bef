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
      m_speed(speed),
      m_played(m_cassette->interactions.size(), false) {}

tl::expected<std::size_t, std::string> Replayer::find_locked(const cassettes::RecordedRequest& live) const {
  const auto& interactions = m_cassette->interactions;
  std::optional<std::size_t> last_match;
  for (std::size_t i = 0; i < interactions.size(); ++i) {
    if (!matches(m_matchers, live, interactions[i].request)) continue;
    if (!m_played[i]) return i;  // the first one not played yet
    last_match = i;
  }
  if (last_match) return *last_match;  // all played: the last one repeats
  return tl::unexpected(explain_miss(m_matchers, live, interactions));
}

tl::expected<std::size_t, std::string> Replayer::find(const cassettes::RecordedRequest& live) const {
  const std::lock_guard lock(m_mutex);
  return find_locked(live);
}

tl::expected<std::size_t, std::string> Replayer::take(const cassettes::RecordedRequest& live) {
  const std::lock_guard lock(m_mutex);
  auto found = find_locked(live);
  if (found) m_played[*found] = true;
  return found;
}

void Replayer::rewind() {
  const std::lock_guard lock(m_mutex);
  m_played.assign(m_played.size(), false);
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
