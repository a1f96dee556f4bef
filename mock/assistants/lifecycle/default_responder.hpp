#pragma once
// What the assistant does when no scenario rule matches, and how a run's own settings
// (tool_choice, parallel_tool_calls) shape any script before it runs.
#include "mock/assistants/model/objects.hpp"
#include "mock/scenario/script.hpp"

namespace mock::assistants {

// One deterministic message that quotes the latest user message, so a client test can
// tell replies apart.
scenario::RunScript default_script(const Thread& thread, const Run& run);
// The same reply for any surface: `model` answering the latest user text (a response too).
scenario::RunScript default_reply(const std::string& model, std::string last_user_text);

// tool_choice "none" drops tool calls; "required" or a named tool forces a call first;
// parallel_tool_calls false splits parallel calls into one requires_action round each.
scenario::RunScript plan_script(scenario::RunScript script, const Run& run);

}  // namespace mock::assistants
