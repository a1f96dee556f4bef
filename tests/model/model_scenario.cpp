#include "tests/model/model_scenario.hpp"

namespace tests::model {
namespace {
Action message(std::string text, std::int64_t delay_ms = 0) {
  Action action;
  action.kind = ActionKind::message;
  action.text = std::move(text);
  action.delay_ms = delay_ms;
  return action;
}

Action call(std::vector<std::string> names) {
  Action action;
  action.kind = ActionKind::function_call;
  action.calls = std::move(names);
  return action;
}

Action fail() {
  Action action;
  action.kind = ActionKind::fail;
  return action;
}

bool contains(const std::string& text, const char* part) {
  return text.find(part) != std::string::npos;
}
}  // namespace

const std::vector<std::string>& user_texts() {
  // Tool calls twice as likely as the rest: they lead to requires_action and submissions.
  static const std::vector<std::string> k_texts = {
      "hello there",     "tool1: the weather please", "tool2: weather and time",
      "please fail now", "tool1: is it raining?",     "tool2: weather, then time",
      "flaky service",   "slow answer please",
  };
  return k_texts;
}

mock::Json scenario_document() {
  return mock::Json::parse(R"({
    "name": "model test",
    "rules": [
      { "when": { "message_contains": "tool1" },
        "then": [ { "function_call": { "name": "get_weather", "arguments": { "city": "Paris" } } },
                  { "message": "Weather: {{tool_outputs.get_weather}}" } ] },
      { "when": { "message_contains": "tool2" },
        "then": [ { "function_call": [ { "name": "get_weather", "arguments": { "city": "Paris" } },
                                       { "name": "get_time", "arguments": { "city": "Paris" } } ] },
                  { "message": "It is {{tool_outputs.get_weather}} at {{tool_outputs.get_time}}." } ] },
      { "when": { "message_contains": "fail" },
        "then": [ { "message": "Let me think..." },
                  { "fail": { "code": "server_error", "message": "The server had an error." } } ] },
      { "when": { "message_contains": "flaky" }, "times": 1,
        "then": [ { "fail": { "code": "rate_limit_exceeded", "message": "Rate limit reached." } } ] },
      { "when": { "message_contains": "slow" },
        "then": [ { "delay_ms": 2500, "message": "Sorry for the wait." } ] },
      { "when": { "tool_outputs_contain": "ERROR" },
        "then": [ { "message": "Sorry: {{tool_output}}" } ] }
    ]
  })");
}

std::vector<Action> plan_actions(const std::string& latest_user_text, const std::string& model,
                                 int& flaky_uses) {
  const std::string& t = latest_user_text;
  if (contains(t, "tool1"))
    return {call({"get_weather"}), message("Weather: {{tool_outputs.get_weather}}")};
  if (contains(t, "tool2")) {
    return {call({"get_weather", "get_time"}),
            message("It is {{tool_outputs.get_weather}} at {{tool_outputs.get_time}}.")};
  }
  if (contains(t, "fail")) return {message("Let me think..."), fail()};
  if (contains(t, "flaky") && flaky_uses == 0) {
    ++flaky_uses;
    return {fail()};
  }
  if (contains(t, "slow")) return {message("Sorry for the wait.", 2500)};
  // The default responder quotes the latest user message.
  if (t.empty()) {
    return {message("Hello! This is the mock assistant (model " + model +
                    "). No scenario matched, so this is the default reply.")};
  }
  return {message("This is the mock assistant (model " + model + ") replying to: " + t)};
}

std::vector<Action> actions_after_outputs(const std::vector<std::string>& outputs) {
  for (const std::string& output : outputs) {
    if (contains(output, "ERROR")) return {message("Sorry: {{tool_output}}")};
  }
  return {};
}

std::vector<Action> split_parallel_calls(std::vector<Action> actions) {
  std::vector<Action> split;
  for (Action& action : actions) {
    if (action.kind != ActionKind::function_call || action.calls.size() <= 1) {
      split.push_back(std::move(action));
      continue;
    }
    for (std::string& name : action.calls) split.push_back(call({std::move(name)}));
  }
  return split;
}

}  // namespace tests::model
