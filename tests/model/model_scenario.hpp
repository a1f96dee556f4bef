#pragma once
// The scenario the model tests load into the server, and the reference model's own reading
// of it: which actions a run gets for a given latest user message. The two live side by
// side so a change to one is seen next to the other.
#include <cstdint>
#include <string>
#include <vector>

#include "http/json.hpp"

namespace tests::model {

enum class ActionKind { message, function_call, fail };

struct Action {
  ActionKind kind = ActionKind::message;
  std::string text;                // message: the template ({{tool_output}}, {{tool_outputs.NAME}})
  std::vector<std::string> calls;  // function_call: function names, in call order
  std::int64_t delay_ms = 0;
};

// User message texts the generated commands choose from; each steers the run to one rule.
const std::vector<std::string>& user_texts();

// The scenario document loaded into the server.
mock::Json scenario_document();

// What a run starting with this latest user message does (before parallel_tool_calls
// splitting); `flaky_uses` counts earlier matches of the rule that may match once.
std::vector<Action> plan_actions(const std::string& latest_user_text, const std::string& model,
                                 int& flaky_uses);

// The actions that replace the rest of a run when a submitted output contains "ERROR";
// empty when none does.
std::vector<Action> actions_after_outputs(const std::vector<std::string>& outputs);

// parallel_tool_calls = false: one requires_action round per call.
std::vector<Action> split_parallel_calls(std::vector<Action> actions);

}  // namespace tests::model
