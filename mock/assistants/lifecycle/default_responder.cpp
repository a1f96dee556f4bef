#include "mock/assistants/lifecycle/default_responder.hpp"

#include <algorithm>

#include "mock/assistants/lifecycle/run_driver.hpp"

namespace mock::assistants {
namespace {
constexpr std::size_t k_quote_limit = 200;

bool is_tool_action(const scenario::ScriptAction& action) {
  return action.kind == scenario::ActionKind::code_interpreter ||
         action.kind == scenario::ActionKind::file_search ||
         action.kind == scenario::ActionKind::function_call;
}

scenario::ScriptAction call_action(const std::string& name) {
  scenario::ScriptAction action;
  action.kind = scenario::ActionKind::function_call;
  action.calls.push_back(scenario::FunctionCallSpec{name, "{}"});
  return action;
}

scenario::ScriptAction tool_action(const std::string& type) {
  scenario::ScriptAction action;
  action.kind = type == "code_interpreter" ? scenario::ActionKind::code_interpreter
                                           : scenario::ActionKind::file_search;
  if (type == "code_interpreter") {
    action.input = "print('mock')";
    action.outputs = Json::array({Json{{"type", "logs"}, {"logs", "mock\n"}}});
  }
  return action;
}

// The call the run must make first, or nullopt when tool_choice does not force one.
std::optional<scenario::ScriptAction> forced_call(const ToolSettings& settings,
                                                  const scenario::RunScript& script) {
  const std::string& choice = settings.choice;
  if (choice == "required") {
    if (std::any_of(script.begin(), script.end(), is_tool_action)) return std::nullopt;
    for (const ToolSettings::Tool& tool : settings.tools) {
      if (tool.type == "function") return call_action(tool.function_name);
    }
    if (!settings.tools.empty()) return tool_action(settings.tools[0].type);
    return std::nullopt;
  }
  if (choice == "auto" || choice == "none") return std::nullopt;
  const auto first_tool = std::find_if(script.begin(), script.end(), is_tool_action);
  if (choice == "function") {
    const std::string& name = settings.choice_function;
    if (first_tool != script.end() && first_tool->kind == scenario::ActionKind::function_call &&
        std::any_of(first_tool->calls.begin(), first_tool->calls.end(),
                    [&](const scenario::FunctionCallSpec& call) { return call.name == name; })) {
      return std::nullopt;
    }
    return call_action(name);
  }
  const scenario::ActionKind wanted = choice == "code_interpreter"
                                          ? scenario::ActionKind::code_interpreter
                                          : scenario::ActionKind::file_search;
  if (first_tool != script.end() && first_tool->kind == wanted) return std::nullopt;
  return tool_action(choice);
}
}  // namespace

scenario::RunScript default_script(const Thread& thread, const Run& run) {
  std::string last_user_text;
  thread.messages.for_each([&](const Message& message) {
    if (message.role == Role::user) last_user_text = message_text(message);
  });
  return default_reply(run.model, std::move(last_user_text));
}

scenario::RunScript default_reply(const std::string& model, std::string last_user_text) {
  if (last_user_text.size() > k_quote_limit) {
    // Cut before a character, never inside one: half a UTF-8 sequence makes the text
    // unserialisable, and a streamed run's events are dumped strictly.
    std::size_t cut = k_quote_limit;
    while (cut > 0 && (static_cast<unsigned char>(last_user_text[cut]) & 0xC0U) == 0x80U) --cut;
    last_user_text = last_user_text.substr(0, cut) + "...";
  }
  if (last_user_text.empty()) {
    return {scenario::message_action("Hello! This is the mock assistant (model " + model +
                           "). No scenario matched, so this is the default reply.")};
  }
  return {scenario::message_action("This is the mock assistant (model " + model +
                         ") replying to: " + last_user_text)};
}

ToolSettings tool_settings(const Run& run) {
  ToolSettings settings;
  for (const Json& tool : run.tools) {
    ToolSettings::Tool entry{tool["type"].get<std::string>(), ""};
    if (entry.type == "function") entry.function_name = tool["function"]["name"].get<std::string>();
    settings.tools.push_back(std::move(entry));
  }
  const Json& choice = run.tool_choice;
  if (choice.is_string()) {
    settings.choice = choice.get<std::string>();
  } else if (choice.is_object()) {
    settings.choice = choice["type"].get<std::string>();
    if (settings.choice == "function") settings.choice_function = choice["function"]["name"].get<std::string>();
  }
  settings.parallel_tool_calls = run.parallel_tool_calls;
  return settings;
}

scenario::RunScript plan_script(scenario::RunScript script, const Run& run) {
  return plan_script(std::move(script), tool_settings(run));
}

scenario::RunScript plan_script(scenario::RunScript script, const ToolSettings& settings) {
  if (settings.choice == "none") {
    std::erase_if(script, is_tool_action);
  } else if (auto call = forced_call(settings, script)) {
    script.insert(script.begin(), std::move(*call));
  }
  if (!settings.parallel_tool_calls) {
    scenario::RunScript split;
    for (scenario::ScriptAction& action : script) {
      if (action.kind != scenario::ActionKind::function_call || action.calls.size() <= 1) {
        split.push_back(std::move(action));
        continue;
      }
      for (scenario::FunctionCallSpec& call : action.calls) {
        scenario::ScriptAction single = action;
        single.calls = {std::move(call)};
        split.push_back(std::move(single));
      }
    }
    script = std::move(split);
  }
  return script;
}

}  // namespace mock::assistants
