#include "recorder/matchers.hpp"

#include <algorithm>
#include <limits>

#include "cassettes/body_codec.hpp"
#include "recorder/json_diff.hpp"
#include "recorder/match_keys.hpp"

namespace recorder {
namespace {

std::string quote_text(std::string_view text) {
  constexpr std::size_t k_limit = 80;
  std::string out = "\"";
  out += text.size() > k_limit ? std::string(text.substr(0, k_limit)) + "..." : std::string(text);
  return out + "\"";
}

std::string describe_bytes(const cassettes::Body& body, std::size_t size) {
  return std::string(cassettes::body_kind(body)) + ", " + std::to_string(size) + " bytes";
}

std::vector<std::string> header_values(const RecordedRequest& request, const std::string& lower_name) {
  std::vector<std::string> out;
  for (const auto& [name, value] : request.headers) {
    if (cassettes::to_lower(name) == lower_name) out.push_back(value);
  }
  return out;
}

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& value : values) out += (out.empty() ? "" : ", ") + quote_text(value);
  return out.empty() ? "(absent)" : out;
}

}  // namespace

std::string describe_request(const RecordedRequest& request) {
  std::string out = request.method + " " + request.path;
  char separator = '?';
  for (const auto& [name, value] : request.query) {
    out += separator + name + "=" + value;
    separator = '&';
  }
  return out;
}

std::optional<std::string> match_method(const RecordedRequest& live, const RecordedRequest& recorded) {
  if (live.method == recorded.method) return std::nullopt;
  return "live " + live.method + ", recorded " + recorded.method;
}

std::optional<std::string> match_path(const RecordedRequest& live, const RecordedRequest& recorded) {
  if (live.path == recorded.path) return std::nullopt;
  return "live " + quote_text(live.path) + ", recorded " + quote_text(recorded.path);
}

std::optional<std::string> match_query(const RecordedRequest& live, const RecordedRequest& recorded) {
  // Values of one name keep their order (include[]=a&include[]=b); names may come in any order.
  auto sorted = [](cassettes::QueryList query) {
    std::stable_sort(query.begin(), query.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    return query;
  };
  const cassettes::QueryList a = sorted(live.query);
  const cassettes::QueryList b = sorted(recorded.query);
  if (a == b) return std::nullopt;
  for (const auto& [name, value] : b) {
    if (std::find(a.begin(), a.end(), std::make_pair(name, value)) == a.end()) {
      // Named init-capture: clang 14 cannot capture a structured binding itself.
      const auto live_value =
          std::find_if(a.begin(), a.end(), [&wanted = name](const auto& p) { return p.first == wanted; });
      if (live_value == a.end()) return "'" + name + "' only in recorded (" + quote_text(value) + ")";
      return "'" + name + "': live " + quote_text(live_value->second) + ", recorded " + quote_text(value);
    }
  }
  for (const auto& [name, value] : a) {
    if (std::find(b.begin(), b.end(), std::make_pair(name, value)) == b.end()) {
      return "'" + name + "' only in live (" + quote_text(value) + ")";
    }
  }
  return "the same parameters in another order or count: live " + quote_text(describe_request(live)) +
         ", recorded " + quote_text(describe_request(recorded));
}

std::optional<std::string> match_body(const RecordedRequest& live, const RecordedRequest& recorded) {
  const std::string a = cassettes::encode_body(live.body);
  const std::string b = cassettes::encode_body(recorded.body);
  if (a == b) return std::nullopt;
  const auto first = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  const auto offset = static_cast<std::size_t>(first.first - a.begin());
  return "bodies differ from byte " + std::to_string(offset) + " (live " + describe_bytes(live.body, a.size()) +
         ", recorded " + describe_bytes(recorded.body, b.size()) + ")";
}

std::optional<std::string> match_json_body(const RecordedRequest& live, const RecordedRequest& recorded) {
  const auto* a = std::get_if<cassettes::JsonBody>(&live.body);
  const auto* b = std::get_if<cassettes::JsonBody>(&recorded.body);
  if (a != nullptr && b != nullptr) return json_difference(a->value, b->value);
  return match_body(live, recorded);
}

Matcher match_header(std::string name) {
  return [lower = cassettes::to_lower(name)](const RecordedRequest& live,
                                             const RecordedRequest& recorded) -> std::optional<std::string> {
    const std::vector<std::string> a = header_values(live, lower);
    const std::vector<std::string> b = header_values(recorded, lower);
    if (a == b) return std::nullopt;
    return "live " + join(a) + ", recorded " + join(b);
  };
}

std::string known_matchers() { return "method, path, query, json_body, body, header:NAME"; }

tl::expected<MatcherSet, std::string> parse_match_on(std::string_view list) {
  MatcherSet out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    std::string name(list.substr(start, comma - start));
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    start = comma + 1;
    if (name.empty()) continue;
    // Method and path set the kind of call; a request differing there is far away.
    if (name == "method") {
      out.push_back({name, match_method, 8, key_method});
    } else if (name == "path") {
      out.push_back({name, match_path, 8, key_path});
    } else if (name == "query") {
      out.push_back({name, match_query, 2, key_query});
    } else if (name == "json_body") {
      out.push_back({name, match_json_body, 2, key_json_body});
    } else if (name == "body") {
      out.push_back({name, match_body, 2, key_body});
    } else if (name.starts_with("header:") && name.size() > 7) {
      const std::string header = name.substr(7);
      out.push_back({name, match_header(header), 1,
                     [lower = cassettes::to_lower(header)](const RecordedRequest& request, std::string& key) {
                       key_header(request, lower, key);
                     }});
    } else {
      return tl::unexpected("unknown matcher '" + name + "'; known matchers: " + known_matchers());
    }
  }
  if (out.empty()) return tl::unexpected("no matchers given; known matchers: " + known_matchers());
  return out;
}

std::vector<MatchFailure> match_failures(const MatcherSet& matchers, const RecordedRequest& live,
                                         const RecordedRequest& recorded) {
  std::vector<MatchFailure> out;
  for (const NamedMatcher& matcher : matchers) {
    if (auto reason = matcher.match(live, recorded)) out.push_back({matcher.name, std::move(*reason)});
  }
  return out;
}

bool matches(const MatcherSet& matchers, const RecordedRequest& live, const RecordedRequest& recorded) {
  return std::all_of(matchers.begin(), matchers.end(),
                     [&](const NamedMatcher& matcher) { return !matcher.match(live, recorded); });
}

int miss_score(const MatcherSet& matchers, const std::vector<MatchFailure>& failures) {
  int score = 0;
  for (const MatchFailure& failure : failures) {
    const auto it = std::find_if(matchers.begin(), matchers.end(),
                                 [&](const NamedMatcher& m) { return m.name == failure.matcher; });
    score += it == matchers.end() ? 1 : it->weight;
  }
  return score;
}

std::string explain_miss(const MatcherSet& matchers, const RecordedRequest& live,
                         const std::vector<cassettes::Interaction>& interactions) {
  std::optional<std::size_t> closest;
  int best = std::numeric_limits<int>::max();
  for (std::size_t i = 0; i < interactions.size(); ++i) {
    const int score = miss_score(matchers, match_failures(matchers, live, interactions[i].request));
    if (score < best) {
      best = score;
      closest = i;
    }
  }
  return describe_miss(matchers, live, interactions, closest);
}

std::string describe_miss(const MatcherSet& matchers, const RecordedRequest& live,
                          const std::vector<cassettes::Interaction>& interactions, std::optional<std::size_t> closest) {
  std::string names;
  for (const NamedMatcher& matcher : matchers) names += (names.empty() ? "" : ",") + matcher.name;
  std::string out = "No recorded interaction matches " + describe_request(live) + " (matching on " + names + ").";
  if (!closest || *closest >= interactions.size()) return out + " The cassette has no interactions.";

  const std::vector<MatchFailure> failures = match_failures(matchers, live, interactions[*closest].request);
  out += " Closest recorded: #" + std::to_string(*closest) + " " +
         describe_request(interactions[*closest].request) + ";";
  if (failures.empty()) {
    // Matches on every matcher, so it was found and skipped: cannot happen for a lookup
    // miss, but say something true if it does.
    return out + " it matches.";
  }
  for (std::size_t i = 0; i < failures.size(); ++i) {
    out += (i == 0 ? " " : "; ") + failures[i].matcher + ": " + failures[i].reason;
  }
  return out + ".";
}

}  // namespace recorder
