#pragma once
// The one table from (method, path, status, API version) to the schema of the response
// (../shared/STYLE.md §3). It reads like the endpoint list of FACTS.md §2.1 and §3.1, then
// RESPONSES.md §2 for the Responses and Conversations API.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contracts/api_version.hpp"

namespace contracts {

// The schema directory of the Responses and Conversations API. Its contract is one, whatever
// Assistants version (OpenAI-Beta header) the request or the cassette names.
inline constexpr std::string_view k_responses_directory = "responses";

struct EndpointContract {
  std::string endpoint;   // "POST /v1/threads/{thread_id}/runs": the row that matched
  std::string schema;     // schema file stem in contracts/schemas/<directory>/, e.g. "run"
  std::string directory;  // "v1-2023-12", "v1-final", "v2" (the version's) or k_responses_directory
};

// The schema a response must follow, or nullopt when the table has none: an endpoint the
// version lacks, a raw-bytes endpoint (file content), or a status without a body contract
// (1xx/3xx). Errors (4xx/5xx) follow "error" on any path; a streamed answer follows
// "stream_event" per event.
// `path` may carry a query string; it is ignored.
std::optional<EndpointContract> find_endpoint_contract(std::string_view method, std::string_view path,
                                                       int status, ApiVersion version, bool streamed);

// The endpoint row a path matches ("GET /v1/threads/{thread_id}"), whatever its status and version;
// nullopt for paths outside the table. Used to name endpoints in reports.
std::optional<std::string> endpoint_name(std::string_view method, std::string_view path);

// Every endpoint of `version` whose answer has a JSON schema ("GET /v1/threads/{thread_id}").
std::vector<std::string> endpoints_with_schema(ApiVersion version);

// Every schema the table refers to for `version` (to check that each exists).
std::vector<std::string> schemas_used(ApiVersion version);

// The 15 Responses and Conversations endpoints ("POST /v1/responses"), and every schema of
// k_responses_directory they refer to.
std::vector<std::string> responses_endpoints();
// Whether `path` (query ignored) is one of them for `method`.
bool is_responses_endpoint(std::string_view method, std::string_view path);
std::vector<std::string> responses_schemas_used();

}  // namespace contracts
