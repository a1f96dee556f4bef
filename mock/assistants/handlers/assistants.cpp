#include "mock/assistants/handlers/handler_support.hpp"
#include "mock/assistants/handlers/handlers.hpp"
#include "mock/assistants/params/assistant_request.hpp"
#include "mock/vector_stores/tool_resource_links.hpp"

namespace mock::assistants {
namespace {
// Copies the fields the request set onto the assistant.
void apply_fields(Assistant& assistant, const AssistantFields& fields) {
  if (fields.model) assistant.model = *fields.model;
  if (fields.name) assistant.name = *fields.name;
  if (fields.description) assistant.description = *fields.description;
  if (fields.instructions) assistant.instructions = *fields.instructions;
  if (fields.reasoning_effort) assistant.reasoning_effort = *fields.reasoning_effort;
  if (fields.tools) assistant.tools = *fields.tools;
  if (fields.tool_resources) {
    assistant.tool_resources = *fields.tool_resources;
    // v2 names the code interpreter files here; v1 reads the same list as file_ids.
    assistant.file_ids =
        assistant.tool_resources.value("code_interpreter", Json::object()).value("file_ids", Json::array());
  }
  if (fields.file_ids) set_code_interpreter_files(assistant, *fields.file_ids);
  if (fields.metadata) assistant.metadata = *fields.metadata;
  // null restores the service's defaults.
  if (fields.temperature) assistant.temperature = fields.temperature->value_or(1.0);
  if (fields.top_p) assistant.top_p = fields.top_p->value_or(1.0);
  if (fields.response_format) assistant.response_format = *fields.response_format;
}
}  // namespace

ApiResponse create_assistant(const ApiRequest& request, Services& services) {
  const AssistantFields fields = read_create_assistant(request.json_body(), core::version_of(request));
  Assistant assistant;
  assistant.id = services.ids.next("asst_");
  assistant.created_at = services.clock.now_seconds();
  apply_fields(assistant, fields);
  // Files and vector stores named must exist; the vector_stores helper creates its store.
  vector_stores::resolve_tool_resources(services.links, assistant.tool_resources);
  return services.store.with_state([&](AssistantsState& state) {
    return created_response(state.assistants.insert(std::move(assistant)), request);
  });
}

ApiResponse list_assistants(const ApiRequest& request, Services& services) {
  return services.store.read_state([&](const AssistantsState& state) {
    return list_response(state.assistants, request);
  });
}

ApiResponse retrieve_assistant(const ApiRequest& request, Services& services) {
  return services.store.read_state([&](const AssistantsState& state) {
    return object_response(require_assistant(state, request.path_param("assistant_id")), request);
  });
}

ApiResponse modify_assistant(const ApiRequest& request, Services& services) {
  const AssistantFields fields = read_modify_assistant(request.json_body(), core::version_of(request));
  if (fields.tool_resources) {  // the files and vector stores named must exist
    Json resources = *fields.tool_resources;
    vector_stores::resolve_tool_resources(services.links, resources);
  }
  return services.store.with_state([&](AssistantsState& state) {
    Assistant& assistant = require_assistant(state, request.path_param("assistant_id"));
    apply_fields(assistant, fields);
    return object_response(assistant, request);
  });
}

ApiResponse delete_assistant(const ApiRequest& request, Services& services) {
  return services.store.with_state([&](AssistantsState& state) {
    const std::string id = require_assistant(state, request.path_param("assistant_id")).id;
    state.assistants.erase(id);
    return ApiResponse::json(deleted_wire(id, "assistant"));
  });
}

}  // namespace mock::assistants
