#pragma once
// Request matchers (STYLE.md §4): small named functions comparing a live request with a
// recorded one. Empty means match; text says why not, in terms a reader can act on.
// Both requests have been through the same redaction, so a redacted field still matches.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "cassettes/cassette.hpp"

namespace recorder {

using cassettes::RecordedRequest;

using Matcher = std::function<std::optional<std::string>(const RecordedRequest& live,
                                                          const RecordedRequest& recorded)>;

// Appends a canonical key of the request for this matcher (match_keys.hpp): requests the
// matcher finds alike must get equal keys. Replay buckets recordings by their keys.
using MatchKey = std::function<void(const RecordedRequest& request, std::string& out)>;

struct NamedMatcher {
  std::string name;
  Matcher match;
  int weight = 1;  // how much a mismatch moves a recording away in the "closest" ranking
  MatchKey key;    // empty: no key, every request is a candidate for this matcher
};
using MatcherSet = std::vector<NamedMatcher>;

inline constexpr std::string_view k_default_match_on = "method,path,query,json_body";

std::optional<std::string> match_method(const RecordedRequest& live, const RecordedRequest& recorded);
std::optional<std::string> match_path(const RecordedRequest& live, const RecordedRequest& recorded);
// Same parameters with the same values; the order of different names does not matter.
std::optional<std::string> match_query(const RecordedRequest& live, const RecordedRequest& recorded);
// JSON bodies compared as JSON (key order, spacing do not matter); other bodies as bytes.
std::optional<std::string> match_json_body(const RecordedRequest& live, const RecordedRequest& recorded);
// Bodies compared byte for byte.
std::optional<std::string> match_body(const RecordedRequest& live, const RecordedRequest& recorded);
// The named header has the same values (absent on both sides also matches).
Matcher match_header(std::string name);

// "method,path,header:openai-beta" -> matchers. Unknown names fail with the valid ones.
tl::expected<MatcherSet, std::string> parse_match_on(std::string_view list);
std::string known_matchers();  // "method, path, query, json_body, body, header:NAME"

struct MatchFailure {
  std::string matcher;
  std::string reason;
};
// Every matcher that fails (empty: the requests match).
std::vector<MatchFailure> match_failures(const MatcherSet& matchers, const RecordedRequest& live,
                                         const RecordedRequest& recorded);
bool matches(const MatcherSet& matchers, const RecordedRequest& live, const RecordedRequest& recorded);

// How far `failures` put a recording from the live request: the sum of their weights.
int miss_score(const MatcherSet& matchers, const std::vector<MatchFailure>& failures);

// A miss in words: the live request, the closest recorded one, and each failing matcher's
// reason. `interactions` may be empty. Scans every interaction: replay finds the closest
// through its index (match_index.hpp) and calls describe_miss.
std::string explain_miss(const MatcherSet& matchers, const RecordedRequest& live,
                         const std::vector<cassettes::Interaction>& interactions);
// The same words for a closest recording already chosen (nullopt: the cassette is empty).
std::string describe_miss(const MatcherSet& matchers, const RecordedRequest& live,
                          const std::vector<cassettes::Interaction>& interactions, std::optional<std::size_t> closest);

// "POST /v1/threads?limit=2"
std::string describe_request(const RecordedRequest& request);

}  // namespace recorder
