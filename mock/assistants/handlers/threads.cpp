#include <utility>

#include "mock/assistants/handlers/handler_support.hpp"
#include "mock/assistants/handlers/handlers.hpp"
#include "mock/assistants/handlers/thread_factory.hpp"
#include "mock/assistants/params/thread_request.hpp"
#include "mock/vector_stores/tool_resource_links.hpp"

namespace mock::assistants {

Thread& insert_thread(AssistantsState& state, NewThread&& created, Services& services) {
  for (const NewMessage& message : created.messages) {  // attached files must exist
    vector_stores::check_attachment_files(services.links, message.attachments);
  }
  Thread thread;
  thread.id = services.ids.next("thread_");
  thread.created_at = services.clock.now_seconds();
  thread.tool_resources = std::move(created.tool_resources);
  // Files and vector stores named must exist; the vector_stores helper creates its store.
  vector_stores::resolve_tool_resources(services.links, thread.tool_resources);
  thread.metadata = std::move(created.metadata);
  Thread& stored = state.threads.insert(std::move(thread));
  for (NewMessage& message : created.messages) {
    append_client_message(stored, std::move(message), services);
  }
  return stored;
}

ApiResponse create_thread(const ApiRequest& request, Services& services) {
  NewThread created = read_create_thread(request.json_body(), core::version_of(request));
  return services.store.with_state([&](AssistantsState& state) {
    return created_response(insert_thread(state, std::move(created), services), request);
  });
}

ApiResponse retrieve_thread(const ApiRequest& request, Services& services) {
  return read_thread(services, request.path_param("thread_id"),
                     [&](const Thread& thread) { return object_response(thread, request); });
}

ApiResponse modify_thread(const ApiRequest& request, Services& services) {
  const ThreadUpdate update = read_modify_thread(request.json_body(), core::version_of(request));
  if (update.tool_resources) {  // the files and vector stores named must exist
    Json resources = *update.tool_resources;
    vector_stores::resolve_tool_resources(services.links, resources);
  }
  return change_thread(services, request.path_param("thread_id"), [&](const AssistantsState&, Thread& thread) {
    if (update.tool_resources) thread.tool_resources = *update.tool_resources;
    if (update.metadata) thread.metadata = *update.metadata;
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
