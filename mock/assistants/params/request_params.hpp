#pragma once
// Request-body validation per endpoint (v2 shapes, FACTS.md §3.2). Each function takes
// the parsed body, throws the service's 400 errors, and returns the body normalised:
// only known keys, defaults filled in where the service fills them, message content
// as content parts. Absent optional keys stay absent so modify calls can tell.
#include "mock/core/json.hpp"

namespace mock::assistants {

Json parse_create_assistant(const Json& body);
Json parse_modify_assistant(const Json& body);

// `path` is "" for POST /threads and "thread" inside create-thread-and-run.
Json parse_create_thread(const Json& body, const std::string& path = "");
Json parse_modify_thread(const Json& body);

// `path` prefixes errors when the message sits inside another body ("messages[0]").
Json parse_create_message(const Json& body, const std::string& path = "");
Json parse_modify_metadata_only(const Json& body);

Json parse_create_run(const Json& body);
Json parse_create_thread_and_run(const Json& body);
Json parse_submit_tool_outputs(const Json& body);

}  // namespace mock::assistants
