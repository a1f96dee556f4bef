#include "mock/assistants/handlers/handler_support.hpp"
#include "mock/assistants/handlers/handlers.hpp"
#include "mock/assistants/handlers/thread_factory.hpp"
#include "mock/assistants/params/request_params.hpp"
#include "mock/vector_stores/tool_resource_links.hpp"

namespace mock::assistants {

Thread& insert_thread(AssistantsState& state, const Json& fields, Services& services) {
  for (const Json& message : fields.at("messages")) {  // attached files must exist
    vector_stores::check_attachment_files(services.links, message.value("attachments", Json()));
  }
  Thread thread;
  thread.id = services.ids.next("thread_");
  thread.created_at = services.clock.now_seconds();
  thread.tool_resources = fields.at("tool_resources");
  // Files and vector stores named must exist; the vector_stores helper creates its store.
  vector_stores::resolve_tool_resources(services.links, thread.tool_resources);
  thread.metadata = fields.at("metadata").is_null() ? Json::object() : fields.at("metadata");
  Thread& stored = state.threads.insert(std::move(thread));
  for (const Json& message : fields.at("messages")) {
    append_client_message(stored, new_message_from_fields(message), services);
  }
  return stored;
}

ApiResponse create_thread(const ApiRequest& request, Services& services) {
  const Json fields = parse_create_thread(request_body(request), "", core::version_of(request));
  return services.store.with_state([&](AssistantsState& state) {
    return created_response(insert_thread(state, fields, services), request);
  });
}

ApiResponse retrieve_thread(const ApiRequest& request, Services& services) {
  return read_thread(services, request.path_param("thread_id"),
                     [&](const Thread& thread) { return object_response(thread, request); });
}

ApiResponse modify_thread(const ApiRequest& request, Services& services) {
  const Json fields = parse_modify_thread(request_body(request), core::version_of(request));
  if (fields.contains("tool_resources")) {  // the files and vector stores named must exist
    Json resources = fields["tool_resources"];
    vector_stores::resolve_tool_resources(services.links, resources);
  }
  return change_thread(services, request.path_param("thread_id"), [&](const AssistantsState&, Thread& thread) {
    if (fields.contains("tool_resources")) thread.tool_resources = fields["tool_resources"];
    if (fields.contains("metadata")) {
      thread.metadata = fields["metadata"].is_null() ? Json::object() : fields["metadata"];
    }
    return object_response(thread, request);
  });
}

ApiResponse delete_thread(const ApiRequest& request, Services& services) {
  return services.store.with_state([&](AssistantsState& state) {
    const std::string id = require_thread(state, services, request.path_param("thread_id")).id;
    // Its messages, runs and steps go with it. No endpoint lists threads, so its id can
    // never be a cursor: no tombstone.
    state.threads.erase_without_tombstone(id);
    return ApiResponse::json(deleted_wire(id, "thread"));
  });
}

}  // namespace mock::assistants
