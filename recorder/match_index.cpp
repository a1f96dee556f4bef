#include "recorder/match_index.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include "recorder/match_keys.hpp"

namespace recorder {
namespace {

std::uint64_t combine(std::uint64_t seed, std::uint64_t value) {
  // boost::hash_combine's mix, widened to 64 bits.
  return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 12U) + (seed >> 4U));
}

std::uint64_t key_hash(const NamedMatcher& matcher, const cassettes::RecordedRequest& request, std::string& buffer) {
  if (!matcher.key) return 0;
  buffer.clear();
  matcher.key(request, buffer);
  return hash_key(buffer);
}

}  // namespace

MatchIndex::MatchIndex(const std::vector<cassettes::Interaction>& interactions, const MatcherSet& matchers)
    : m_interactions(interactions),
      m_matcher_set(matchers),
      m_matchers(matchers.size()),
      m_bucket_of(interactions.size()) {
  m_keys.reserve(interactions.size() * m_matchers);
  std::string buffer;  // one for every key, so building the index allocates little
  for (std::size_t i = 0; i < interactions.size(); ++i) {
    std::uint64_t combined = 0;
    for (const NamedMatcher& matcher : matchers) {
      const std::uint64_t hash = key_hash(matcher, interactions[i].request, buffer);
      m_keys.push_back(hash);
      combined = combine(combined, hash);
    }
    const auto [it, added] = m_bucket_by_key.try_emplace(combined, m_buckets.size());
    if (added) m_buckets.emplace_back();
    m_buckets[it->second].push_back(i);
    m_bucket_of[i] = it->second;
  }
}

MatchIndex::Probe MatchIndex::probe(const cassettes::RecordedRequest& request) const {
  Probe out;
  out.keys.reserve(m_matchers);
  std::string buffer;
  for (const NamedMatcher& matcher : m_matcher_set) {
    out.keys.push_back(key_hash(matcher, request, buffer));
    out.combined = combine(out.combined, out.keys.back());
  }
  return out;
}

std::optional<std::size_t> MatchIndex::bucket_for(const Probe& probe) const {
  const auto it = m_bucket_by_key.find(probe.combined);
  if (it == m_bucket_by_key.end()) return std::nullopt;
  return it->second;
}

std::optional<std::size_t> MatchIndex::closest(const cassettes::RecordedRequest& live, const Probe& probe) const {
  if (m_interactions.empty()) return std::nullopt;
  // A lower bound for each recording: the weights of the matchers whose keys differ (a
  // matcher that matches gives equal keys, so those fail for sure).
  std::vector<std::pair<int, std::size_t>> bounds;
  bounds.reserve(m_interactions.size());
  for (std::size_t i = 0; i < m_interactions.size(); ++i) {
    int bound = 0;
    for (std::size_t j = 0; j < m_matchers; ++j) {
      if (m_keys[i * m_matchers + j] != probe.keys[j]) bound += m_matcher_set[j].weight;
    }
    bounds.emplace_back(bound, i);
  }
  std::sort(bounds.begin(), bounds.end());
  // Best first: stop once no recording left can beat the best found (ties go to the lower index).
  std::pair<int, std::size_t> best{std::numeric_limits<int>::max(), 0};
  std::size_t checks = 0;
  for (const auto& [bound, index] : bounds) {
    if (std::make_pair(bound, index) > best) break;
    ++checks;
    const int score = miss_score(m_matcher_set, match_failures(m_matcher_set, live, m_interactions[index].request));
    best = std::min(best, std::make_pair(score, index));
  }
  m_last_checks.store(checks, std::memory_order_relaxed);
  return best.second;
}

}  // namespace recorder
