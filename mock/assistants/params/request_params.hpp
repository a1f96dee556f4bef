#pragma once
// Request-body validation per endpoint (v2 shapes, FACTS.md §3.2). Each function takes
// the parsed body, throws the service's 400 errors, and returns the body normalised:
// only known keys, defaults filled in where the service fills them, message content
// as content parts. Absent optional keys stay absent so modify calls can tell.
// Handlers read the result as types: assistant_request.hpp, thread_request.hpp,
// message_body.hpp and run_request.hpp wrap these; the fuzz target and the unit tests call
// them directly.
#include <string>

#include "http/json.hpp"
#include "mock/assistants/model/status.hpp"

namespace mock::assistants {

// v1 requests are read as the final v1 API took them (a superset of December 2023):
// file_ids instead of tool_resources/attachments, `retrieval` for `file_search`, string
// message content. Both versions normalise to the same stored form.
Json parse_create_assistant(const Json& body, ApiVersion version = ApiVersion::v2);
Json parse_modify_assistant(const Json& body, ApiVersion version = ApiVersion::v2);

// `path` is "" for POST /threads and "thread" inside create-thread-and-run.
Json parse_create_thread(const Json& body, const std::string& path = "",
                         ApiVersion version = ApiVersion::v2);
Json parse_modify_thread(const Json& body, ApiVersion version = ApiVersion::v2);

// `path` prefixes errors when the message sits inside another body ("messages[0]").
Json parse_create_message(const Json& body, const std::string& path = "",
                          ApiVersion version = ApiVersion::v2);
Json parse_modify_metadata_only(const Json& body);

Json parse_create_run(const Json& body, ApiVersion version = ApiVersion::v2);
Json parse_create_thread_and_run(const Json& body, ApiVersion version = ApiVersion::v2);
Json parse_submit_tool_outputs(const Json& body);

// POST /assistants/{id}/files (v1): {"file_id": "file-..."}
std::string parse_create_assistant_file(const Json& body);

}  // namespace mock::assistants
