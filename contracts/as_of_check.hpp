#pragma once
// `check --as-of DATE`: what the API of DATE would answer differently from each recorded
// exchange: routes gone (with OpenAI's migration mapping) or not yet launched, requests
// refused (v1 after its shutdown, v2 before its launch), v1 fields the date did not have or
// had that the recording lacks. The dates come from timeline/.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "contracts/check_runner.hpp"
#include "contracts/observed_response.hpp"
#include "timeline/calendar_date.hpp"

namespace contracts {

enum class AsOfKind {
  route_gone,        // after the sunset: 404, replace the call
  not_launched,      // before the route's launch: 404
  refused,           // 400 invalid_beta (v1 after its shutdown, v2 before its launch)
  field_not_yet,     // the recording has v1 fields the date's API did not send
  field_added,       // the date's API sends v1 fields the recording lacks (additive)
};

struct AsOfFinding {
  std::string origin;       // "seed.json #3"
  std::string request;      // "POST /v1/assistants"
  AsOfKind kind;
  bool breaks = false;      // a client written against the recording would fail
  std::string answer;       // what the API of the date answers, or the fields concerned
  std::string replacement;  // the migration step, when there is one
};

struct AsOfReport {
  timeline::CalendarDate date;
  std::size_t files = 0;
  std::size_t exchanges = 0;
  std::vector<AsOfFinding> findings;
  std::vector<UnreadableFile> unreadable;
  std::vector<SkippedFile> skipped;
};

// The findings for one recorded exchange, in order: route, then beta version, then fields.
std::vector<AsOfFinding> findings_for(const ObservedResponse& response, const timeline::CalendarDate& date);

// Every exchange of every cassette in `inputs` (files, or directories walked for *.json).
tl::expected<AsOfReport, std::string> run_as_of_check(const std::vector<std::filesystem::path>& inputs,
                                                      const timeline::CalendarDate& date);

}  // namespace contracts
