#include "mock/assistants/params/assistant_request.hpp"

#include "mock/assistants/params/request_params.hpp"

namespace mock::assistants {
namespace {
AssistantFields assistant_fields(const Json& fields) {
  AssistantFields out;
  out.model = core::given<std::string>(fields, "model");
  out.name = core::sent<std::string>(fields, "name");
  out.description = core::sent<std::string>(fields, "description");
  out.instructions = core::sent<std::string>(fields, "instructions");
  out.reasoning_effort = core::sent<std::string>(fields, "reasoning_effort");
  out.tools = core::sent_json(fields, "tools");
  out.tool_resources = core::sent_json(fields, "tool_resources");
  out.file_ids = core::sent_json(fields, "file_ids");
  out.metadata = core::sent_map(fields, "metadata");
  out.temperature = core::sent<double>(fields, "temperature");
  out.top_p = core::sent<double>(fields, "top_p");
  out.response_format = core::sent_json(fields, "response_format");
  return out;
}
}  // namespace

AssistantFields read_create_assistant(const Json& body, ApiVersion version) {
  return assistant_fields(parse_create_assistant(body, version));
}

AssistantFields read_modify_assistant(const Json& body, ApiVersion version) {
  return assistant_fields(parse_modify_assistant(body, version));
}

}  // namespace mock::assistants
