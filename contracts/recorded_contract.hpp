#pragma once
// Which contract a recorded response is judged by: the one decision `check` makes about
// versions, so that a cassette is held to the schema of what it was recorded against.
#include <optional>
#include <string>

#include "contracts/api_version.hpp"

namespace contracts {

// What a cassette's metadata says about what it was recorded against (cassettes/FORMAT.md).
struct RecordedAgainst {
  std::optional<std::string> api_version;  // meta.api_version: the session's OpenAI-Beta header
  std::optional<std::string> contract;     // meta.contract: the contract the upstream served, when known
  std::string recorded_at;                 // meta.recorded_at, RFC 3339 UTC
};

// In order, the first that applies:
//   1. `override_version` (check --api-version);
//   2. meta.contract, when it names a contract;
//   3. the request's OpenAI-Beta (`request_beta`), else meta.api_version, else v2; when that
//      says plain "v1", the recording date picks which v1, by the timeline's dates
//      (timeline/api_events.cpp, the same ones `serve --as-of` serves):
//        before v1_final (the last v1 spec)   v1-2023-12 (fields added since show as additive drift)
//        before v1_shutdown                   v1-final
//        from v1_shutdown on                  v1-2023-12 (OpenAI refused v1: recorded from the mock)
//        no date of the form YYYY-MM-DD       v1-final (what "v1" names on the command line)
ApiVersion contract_for(const std::optional<std::string>& request_beta, const RecordedAgainst& cassette,
                        const std::optional<ApiVersion>& override_version);

}  // namespace contracts
