#pragma once
// Thread bodies, and the metadata-only bodies of message and run modify, as the handlers
// read them: validated once by the parse_* functions of request_params.hpp, then held in
// types.
#include <optional>
#include <string>
#include <vector>

#include "http/json.hpp"
#include "mock/assistants/model/status.hpp"
#include "mock/assistants/params/message_body.hpp"

namespace mock::assistants {

// POST /threads, and the `thread` of POST /threads/runs.
// tool_resources stays JSON: it is stored and shown as parse_tool_resources normalised it,
// and vector_stores::resolve_tool_resources rewrites it in place when its helper makes
// stores. metadata is the client's free-form map.
struct NewThread {
  std::vector<NewMessage> messages;
  Json tool_resources = Json::object();
  Json metadata = Json::object();  // null was sent as {}
};

// POST /threads/{thread_id}; an empty optional leaves the thread's value alone.
struct ThreadUpdate {
  std::optional<Json> tool_resources;
  std::optional<Json> metadata;  // null was sent as {}
};

// POST /threads/{thread_id}/messages/{message_id} and .../runs/{run_id}: metadata alone.
struct MetadataUpdate {
  std::optional<Json> metadata;  // null was sent as {}
};

// Each throws the service's 400 errors, as the parse_* function it wraps does.
NewThread read_create_thread(const Json& body, ApiVersion version);
ThreadUpdate read_modify_thread(const Json& body, ApiVersion version);
MetadataUpdate read_modify_metadata_only(const Json& body);

// A body parse_create_thread has normalised, as the thread to create; its messages' strings
// are moved out of `fields`.
NewThread new_thread_from_fields(Json fields);

}  // namespace mock::assistants
