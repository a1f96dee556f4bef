#pragma once
// Run requests as the run handlers and the run builder read them. The parse_* readers of
// request_params.hpp validate a body once and normalise it; the read_* functions here hold
// the result in types, so nothing re-reads JSON under the thread lock and whether to stream
// is a field rather than a second look at the body.
#include <optional>
#include <string>
#include <vector>

#include "http/json.hpp"
#include "mock/assistants/model/status.hpp"
#include "mock/assistants/params/message_body.hpp"
#include "mock/assistants/params/thread_request.hpp"

namespace mock::assistants {

// What a run takes from its request; each empty field comes from the assistant instead
// (FACTS.md §9.3-4). The token caps, truncation_strategy and tool_choice keep a null the
// client sent.
struct RunSettings {
  std::string assistant_id;
  std::optional<std::string> model;
  std::optional<std::string> instructions;
  std::optional<std::string> additional_instructions;  // appended after a blank line
  std::optional<Json> tools;
  std::optional<Json> metadata;
  std::optional<double> temperature;
  std::optional<double> top_p;
  std::optional<Json> max_prompt_tokens;
  std::optional<Json> max_completion_tokens;
  std::optional<Json> truncation_strategy;
  std::optional<Json> tool_choice;
  std::optional<bool> parallel_tool_calls;
  std::optional<Json> response_format;
  bool stream = false;
};

// POST /threads/{thread_id}/runs
struct CreateRunParams {
  RunSettings run;
  std::vector<NewMessage> additional_messages;
};

// POST /threads/runs
struct CreateThreadAndRunParams {
  RunSettings run;
  // The request's own tool_resources when the thread names none.
  NewThread thread;
};

// POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs
struct SubmitToolOutputsParams {
  Json tool_outputs;  // [{tool_call_id, output}], both strings
  std::vector<std::string> outputs;  // the outputs alone, in order, for scenario matching
  bool stream = false;
};

CreateRunParams read_create_run(const Json& body, ApiVersion version);
CreateThreadAndRunParams read_create_thread_and_run(const Json& body, ApiVersion version);
SubmitToolOutputsParams read_submit_tool_outputs(const Json& body);

}  // namespace mock::assistants
