#pragma once
// What the assistant does when no scenario rule matches, and how a run's own settings
// (tool_choice, parallel_tool_calls) shape any script before it runs.
#include <string>
#include <vector>

#include "mock/assistants/model/objects.hpp"
#include "mock/scenario/script.hpp"

namespace mock::assistants {

// One deterministic message that quotes the latest user message, so a client test can
// tell replies apart.
scenario::RunScript default_script(const Thread& thread, const Run& run);
// The same reply for any surface: `model` answering the latest user text (a response too).
scenario::RunScript default_reply(const std::string& model, std::string last_user_text);

// What of a run's (or a response's) settings shapes its script, read out of either shape.
struct ToolSettings {
  struct Tool {
    std::string type;           // function, code_interpreter, file_search, retrieval (v1)
    std::string function_name;  // for a function tool
  };
  std::vector<Tool> tools;
  // tool_choice: "auto", "none", "required", or the type of the one tool it names.
  std::string choice = "auto";
  std::string choice_function;  // the function it names, when choice is "function"
  bool parallel_tool_calls = true;
};
ToolSettings tool_settings(const Run& run);

// tool_choice "none" drops tool calls; "required" or a named tool forces a call first;
// parallel_tool_calls false splits parallel calls into one requires_action round each.
scenario::RunScript plan_script(scenario::RunScript script, const ToolSettings& settings);
scenario::RunScript plan_script(scenario::RunScript script, const Run& run);

}  // namespace mock::assistants
