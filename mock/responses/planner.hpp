#pragma once
// What a response does, from the same scenario rules that script runs: the rule matched
// by the newest user input (or, when the input carries function_call_output items for the
// calls a previous response stopped at, what that rule had left or a rule about tool
// outputs), turned into output items:
//   message          -> a `message` item with one `output_text` part
//   code_interpreter -> a `code_interpreter_call` item
//   file_search      -> a `file_search_call` item
//   function_call    -> `function_call` items; the response ends completed there
//   fail / expire    -> status failed with `error`;  incomplete -> status incomplete
// With no rule, the default reply of a run.
#include <string>

#include "mock/scenario/scenario.hpp"
#include "mock/core/id_generator.hpp"
#include "mock/responses/objects.hpp"
#include "mock/responses/request_params.hpp"
#include "mock/responses/services.hpp"

namespace mock::responses {

struct PlanInput {
  const ResponseRequest& request;
  const Json& context;           // items the model sees before this input
  const Json& input;             // this response's input items, ids assigned
  const PendingCalls* pending;   // the calls the chain or conversation stopped at
  const FileSearchBackend* file_search = nullptr;  // searches the file_search tool's stores
};

// Throws ApiError 400 when a function_call_output names a call the model never made.
Outcome plan_response(const PlanInput& plan, scenario::ScenarioBook& scenarios,
                      core::IdGenerator& ids);

// Deterministic token count of what the model reads: instructions, context and input.
std::int64_t count_input_tokens(const Json& instructions, const Json& context, const Json& input);

}  // namespace mock::responses
