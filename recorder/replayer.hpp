#pragma once
// Plays one cassette back. Identical requests (a client polling a run) get the recorded
// answers in the order they were recorded, the last one repeating once all were played.
// Streams are sent event by event, with the recorded timing divided by `speed`
// (0: no waiting at all). Thread-safe.
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "cassettes/cassette.hpp"
#include "mock/http/api_message.hpp"
#include "recorder/matchers.hpp"

namespace recorder {

class Replayer {
public:
  Replayer(std::shared_ptr<const cassettes::Cassette> cassette, MatcherSet matchers, double speed);

  // The interaction that would answer `live` (already redacted), without playing it; the
  // error is the miss explained (closest recording, what differs).
  tl::expected<std::size_t, std::string> find(const cassettes::RecordedRequest& live) const;
  // Like find(), and marks the interaction played.
  tl::expected<std::size_t, std::string> take(const cassettes::RecordedRequest& live);
  // The recorded answer, ready to send (a stream producer for event streams).
  mock::http::ApiResponse respond(std::size_t index) const;
  // Forget what was played: the next requests start from the first recordings again.
  void rewind();

  std::size_t size() const { return m_cassette->interactions.size(); }
  const cassettes::Cassette& cassette() const { return *m_cassette; }

private:
  tl::expected<std::size_t, std::string> find_locked(const cassettes::RecordedRequest& live) const;

  std::shared_ptr<const cassettes::Cassette> m_cassette;
  MatcherSet m_matchers;
  double m_speed;
  mutable std::mutex m_mutex;
  std::vector<bool> m_played;
};

}  // namespace recorder
