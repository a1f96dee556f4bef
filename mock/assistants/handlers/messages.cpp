#include "mock/assistants/handlers/handler_support.hpp"
#include "http/api_error.hpp"
#include "mock/assistants/handlers/handlers.hpp"
#include "mock/assistants/params/thread_request.hpp"
#include "mock/vector_stores/tool_resource_links.hpp"

namespace mock::assistants {

ApiResponse create_message(const ApiRequest& request, Services& services) {
  NewMessage message = read_create_message(request.body, core::version_of(request));
  // Attached files must exist.
  vector_stores::check_attachment_files(services.links, message.attachments);
  return change_thread(services, request.path_param("thread_id"), [&](const AssistantsState&, Thread& thread) {
    if (thread.active_run_id) {
      throw http::errors::invalid_request("Can't add messages to " + thread.id +
                                          " while a run " + *thread.active_run_id +
                                          " is active.");
    }
    return created_response(append_client_message(thread, std::move(message), services), request);
  });
}

ApiResponse list_messages(const ApiRequest& request, Services& services) {
  const auto run_id = request.query_value("run_id");
  std::function<bool(const Message&)> keep;
  if (run_id && !run_id->empty()) {
    keep = [&](const Message& message) { return message.run_id == *run_id; };
  }
  return read_thread(services, request.path_param("thread_id"),
                     [&](const Thread& thread) { return list_response(thread.messages, request, keep); });
}

ApiResponse retrieve_message(const ApiRequest& request, Services& services) {
  return read_thread(services, request.path_param("thread_id"), [&](const Thread& thread) {
    return object_response(require_message(thread, request.path_param("message_id")), request);
  });
}

ApiResponse modify_message(const ApiRequest& request, Services& services) {
  const MetadataUpdate update = read_modify_metadata_only(request.json_body());
  return change_thread(services, request.path_param("thread_id"), [&](const AssistantsState&, Thread& thread) {
    Message& message = require_message(thread, request.path_param("message_id"));
    if (update.metadata) {
      message.metadata = update.metadata->empty() ? Json() : *update.metadata;  // null shows as {}
    }
    return object_response(message, request);
  });
}

ApiResponse delete_message(const ApiRequest& request, Services& services) {
  core::require_version(request, ApiVersion::v2);  // v1 had no message delete
  return change_thread(services, request.path_param("thread_id"), [&](const AssistantsState&, Thread& thread) {
    const std::string id = require_message(thread, request.path_param("message_id")).id;
    thread.messages.erase(id);
    return ApiResponse::json(deleted_wire(id, "thread.message"));
  });
}

}  // namespace mock::assistants
