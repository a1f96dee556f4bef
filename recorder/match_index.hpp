#pragma once
// The interactions of a cassette bucketed by their matchers' keys (match_keys.hpp), so that
// a live request meets only the recordings it could match: a lookup costs O(1) amortised
// whatever the cassette's size, where comparing it with every interaction cost O(n). The
// index is built once and never changes; play state lives in the Replayer.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "cassettes/cassette.hpp"
#include "recorder/matchers.hpp"

namespace recorder {

class MatchIndex {
public:
  // Keeps references to both, which must outlive the index.
  MatchIndex(const std::vector<cassettes::Interaction>& interactions, const MatcherSet& matchers);

  // A request's key hashes, one per matcher (0 for a matcher without a key).
  struct Probe {
    std::vector<std::uint64_t> keys;
    std::uint64_t combined = 0;
  };
  Probe probe(const cassettes::RecordedRequest& request) const;

  // The bucket holding every interaction whose keys equal the probe's (and so every one
  // that can match it), or nullopt. Buckets list interactions in cassette order.
  std::optional<std::size_t> bucket_for(const Probe& probe) const;
  const std::vector<std::size_t>& entries(std::size_t bucket) const { return m_buckets[bucket]; }
  std::size_t bucket_of(std::size_t interaction) const { return m_bucket_of[interaction]; }
  std::size_t bucket_count() const { return m_buckets.size(); }

  // The recording explain_miss would call closest: the least summed weight of failing
  // matchers, the lowest index on a tie. The key hashes give each recording a lower bound
  // (a key that differs is a matcher that fails), so the matchers themselves run only on
  // recordings that could still be the closest: one, in the usual case.
  std::optional<std::size_t> closest(const cassettes::RecordedRequest& live, const Probe& probe) const;

  // Matcher runs the last closest() call made (for tests that count work, not time).
  std::size_t last_closest_checks() const { return m_last_checks.load(std::memory_order_relaxed); }

private:
  const std::vector<cassettes::Interaction>& m_interactions;
  const MatcherSet& m_matcher_set;
  std::size_t m_matchers;
  std::vector<std::uint64_t> m_keys;  // interaction i's matcher j at i * m_matchers + j
  std::vector<std::vector<std::size_t>> m_buckets;
  std::vector<std::size_t> m_bucket_of;
  std::unordered_map<std::uint64_t, std::size_t> m_bucket_by_key;
  mutable std::atomic<std::size_t> m_last_checks{0};
};

}  // namespace recorder
