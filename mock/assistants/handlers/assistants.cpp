#include "mock/assistants/handlers/handler_support.hpp"
#include "mock/assistants/handlers/handlers.hpp"
#include "mock/assistants/params/request_params.hpp"
#include "mock/vector_stores/tool_resource_links.hpp"

namespace mock::assistants {
namespace {
// Copies the fields present in a normalised create/modify body onto the assistant.
void apply_fields(Assistant& assistant, const Json& fields) {
  if (fields.contains("model")) assistant.model = fields["model"].get<std::string>();
  assign_optional_string(assistant.name, fields, "name");
  assign_optional_string(assistant.description, fields, "description");
  assign_optional_string(assistant.instructions, fields, "instructions");
  assign_optional_string(assistant.reasoning_effort, fields, "reasoning_effort");
  if (fields.contains("tools")) assistant.tools = fields["tools"];
  if (fields.contains("tool_resources")) {
    assistant.tool_resources = fields["tool_resources"];
    // v2 names the code interpreter files here; v1 reads the same list as file_ids.
    assistant.file_ids =
        assistant.tool_resources.value("code_interpreter", Json::object()).value("file_ids", Json::array());
  }
  if (fields.contains("file_ids")) set_code_interpreter_files(assistant, fields["file_ids"]);
  if (fields.contains("metadata")) {
    assistant.metadata = fields["metadata"].is_null() ? Json::object() : fields["metadata"];
  }
  if (fields.contains("temperature")) {
    assistant.temperature = fields["temperature"].is_null() ? 1.0 : fields["temperature"].get<double>();
  }
  if (fields.contains("top_p")) {
    assistant.top_p = fields["top_p"].is_null() ? 1.0 : fields["top_p"].get<double>();
  }
  if (fields.contains("response_format")) assistant.response_format = fields["response_format"];
}
}  // namespace

ApiResponse create_assistant(const ApiRequest& request, Services& services) {
  const Json fields = parse_create_assistant(request_body(request), core::version_of(request));
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
  const Json fields = parse_modify_assistant(request_body(request), core::version_of(request));
  if (fields.contains("tool_resources")) {  // the files and vector stores named must exist
    Json resources = fields["tool_resources"];
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
