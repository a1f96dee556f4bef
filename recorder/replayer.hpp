#pragma once
// Plays one cassette back. Identical requests (a client polling a run) get the recorded
// answers in the order they were recorded, the last one repeating once all were played.
// Streams are sent event by event, with the recorded timing divided by `speed`
// (0: no waiting at all). Thread-safe.
//
// A request finds its recording through a MatchIndex: O(1) amortised whatever the
// cassette's size. Each bucket of the index keeps a cursor at its first recording not
// played yet (played recordings form a prefix of their bucket when requests come in the
// recorded order), so a poll repeated 1,000 times does not walk past the 999 played.
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cassettes/cassette.hpp"
#include "http/api_message.hpp"
#include "recorder/match_index.hpp"
#include "recorder/matchers.hpp"

namespace recorder {

class Replayer {
public:
  Replayer(std::shared_ptr<const cassettes::Cassette> cassette, MatcherSet matchers, double speed);

  // The interaction that would answer `live` (already redacted), without playing it.
  std::optional<std::size_t> find(const cassettes::RecordedRequest& live) const;
  // Like find(), and marks the interaction played.
  std::optional<std::size_t> take(const cassettes::RecordedRequest& live);
  // Why nothing answers `live`: the closest recording and what differs (matchers.hpp's
  // words). Only a refused miss needs this, so find() does not pay for it.
  std::string explain_miss(const cassettes::RecordedRequest& live) const;
  // The recorded answer, ready to send (a stream producer for event streams).
  mock::http::ApiResponse respond(std::size_t index) const;
  // Forget what was played: the next requests start from the first recordings again.
  void rewind();

  std::size_t size() const { return m_cassette->interactions.size(); }
  const cassettes::Cassette& cassette() const { return *m_cassette; }
  const MatchIndex& index() const { return m_index; }
  // Matcher runs by find() and take() since the start (for tests that count work).
  std::size_t match_checks() const;

private:
  std::optional<std::size_t> find_locked(const cassettes::RecordedRequest& live) const;

  std::shared_ptr<const cassettes::Cassette> m_cassette;
  MatcherSet m_matchers;
  MatchIndex m_index;  // refers to the two above
  double m_speed;
  mutable std::mutex m_mutex;
  std::vector<bool> m_played;
  std::vector<std::size_t> m_cursor;  // per bucket: no recording before it is unplayed
  mutable std::size_t m_match_checks = 0;
};

}  // namespace recorder
