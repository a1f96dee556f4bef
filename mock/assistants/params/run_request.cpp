#include "mock/assistants/params/run_request.hpp"

#include <utility>

#include "mock/assistants/params/request_params.hpp"
#include "mock/core/normalised_fields.hpp"

namespace mock::assistants {
namespace {
using core::given;

bool is_true(const Json& fields, const char* key) {
  const auto found = fields.find(key);
  return found != fields.end() && found->is_boolean() && found->get<bool>();
}

RunSettings run_settings(const Json& fields) {
  RunSettings settings;
  settings.assistant_id = fields["assistant_id"].get<std::string>();
  settings.model = given<std::string>(fields, "model");
  settings.instructions = given<std::string>(fields, "instructions");
  settings.additional_instructions = given<std::string>(fields, "additional_instructions");
  settings.tools = given<Json>(fields, "tools");
  settings.metadata = given<Json>(fields, "metadata");
  settings.temperature = given<double>(fields, "temperature");
  settings.top_p = given<double>(fields, "top_p");
  settings.max_prompt_tokens = core::sent_json(fields, "max_prompt_tokens");
  settings.max_completion_tokens = core::sent_json(fields, "max_completion_tokens");
  settings.truncation_strategy = core::sent_json(fields, "truncation_strategy");
  settings.tool_choice = core::sent_json(fields, "tool_choice");
  settings.parallel_tool_calls = given<bool>(fields, "parallel_tool_calls");
  settings.response_format = core::sent_json(fields, "response_format");
  settings.stream = is_true(fields, "stream");
  return settings;
}

}  // namespace

CreateRunParams read_create_run(const Json& body, ApiVersion version) {
  Json fields = parse_create_run(body, version);
  CreateRunParams params;
  params.run = run_settings(fields);
  for (Json& message : fields["additional_messages"]) {
    params.additional_messages.push_back(new_message_from_fields(std::move(message)));
  }
  return params;
}

CreateThreadAndRunParams read_create_thread_and_run(const Json& body, ApiVersion version) {
  Json fields = parse_create_thread_and_run(body, version);
  CreateThreadAndRunParams params;
  params.run = run_settings(fields);
  params.thread = new_thread_from_fields(std::move(fields["thread"]));
  if (fields.contains("tool_resources") && params.thread.tool_resources.empty()) {
    params.thread.tool_resources = std::move(fields["tool_resources"]);
  }
  return params;
}

SubmitToolOutputsParams read_submit_tool_outputs(const Json& body) {
  Json fields = parse_submit_tool_outputs(body);
  SubmitToolOutputsParams params;
  params.tool_outputs = std::move(fields["tool_outputs"]);
  for (const Json& output : params.tool_outputs) {
    params.outputs.push_back(output["output"].get<std::string>());
  }
  params.stream = is_true(fields, "stream");
  return params;
}

}  // namespace mock::assistants
