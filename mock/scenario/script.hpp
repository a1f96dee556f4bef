#pragma once
// What a run does once in progress: an ordered list of actions, each of which becomes
// the run steps and messages the real service would write.
#include <cstdint>
#include <string>
#include <vector>

#include "http/json.hpp"

namespace mock::scenario {

enum class ActionKind {
  message,           // a message_creation step and an assistant message
  code_interpreter,  // a tool_calls step with a code_interpreter call
  file_search,       // a tool_calls step with a file_search call
  function_call,     // a tool_calls step with function calls; the run waits in requires_action
  fail,              // the run fails with last_error
  incomplete,        // the run ends incomplete with incomplete_details
  expire,            // the run expires now
};

struct FunctionCallSpec {
  std::string name;
  std::string arguments;  // a JSON text, as the API sends it
};

struct ScriptAction {
  ActionKind kind = ActionKind::message;
  std::int64_t delay_ms = 0;  // extra wait before the action starts

  std::string text;                    // message: may hold {{tool_output}} and friends
  Json annotations = Json::array();    // message
  std::string input;                   // code_interpreter
  Json outputs = Json::array();        // code_interpreter: [{type: logs|image, ...}]
  Json results = Json::array();        // file_search results
  std::vector<FunctionCallSpec> calls; // function_call: several = parallel calls
  std::string code;                    // fail: last_error.code
  std::string message;                 // fail: last_error.message
  std::string reason;                  // incomplete: incomplete_details.reason
};

using RunScript = std::vector<ScriptAction>;

ScriptAction message_action(std::string text);

}  // namespace mock::scenario
