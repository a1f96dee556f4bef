#include "mock/assistants/lifecycle/default_responder.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "mock/assistants/model/message_content.hpp"

namespace {
using mock::Json;
using namespace mock::assistants;
using namespace mock::scenario;

void add_text(Thread& thread, const std::string& id, Role role, const std::string& text) {
  Message message;
  message.id = id;
  message.role = role;
  message.content = {text_part(text)};
  thread.messages.insert(std::move(message));
}

Run run_with_model(const std::string& model) {
  Run run;
  run.model = model;
  return run;
}

TEST(DefaultResponder, WithoutUserMessagesSaysHello) {
  Thread thread;
  const RunScript script = default_script(thread, run_with_model("gpt-4o"));
  ASSERT_EQ(script.size(), 1U);
  EXPECT_EQ(script[0].text,
            "Hello! This is the mock assistant (model gpt-4o). No scenario matched, so this is "
            "the default reply.");
}

TEST(DefaultResponder, QuotesTheLatestUserMessage) {
  Thread thread;
  add_text(thread, "m1", Role::user, "first question");
  add_text(thread, "m2", Role::assistant, "an answer");
  add_text(thread, "m3", Role::user, "I need to solve the equation `3x + 11 = 14`. Can you help me?");
  add_text(thread, "m4", Role::assistant, "a later assistant message");
  const RunScript script = default_script(thread, run_with_model("gpt-4"));
  ASSERT_EQ(script.size(), 1U);
  EXPECT_EQ(script[0].text,
            "This is the mock assistant (model gpt-4) replying to: I need to solve the equation "
            "`3x + 11 = 14`. Can you help me?");
}

TEST(DefaultResponder, LongQuotesAreCutAtTwoHundredCharacters) {
  Thread thread;
  add_text(thread, "m1", Role::user, std::string(500, 'q'));
  const RunScript script = default_script(thread, run_with_model("m"));
  EXPECT_EQ(script[0].text,
            "This is the mock assistant (model m) replying to: " + std::string(200, 'q') + "...");
}

TEST(DefaultResponder, SameThreadGivesTheSameReply) {
  Thread thread;
  add_text(thread, "m1", Role::user, "hi");
  const RunScript a = default_script(thread, run_with_model("m"));
  const RunScript b = default_script(thread, run_with_model("m"));
  ASSERT_EQ(a.size(), 1U);
  ASSERT_EQ(b.size(), 1U);
  EXPECT_EQ(a[0].text, b[0].text);
  EXPECT_EQ(a[0].kind, ActionKind::message);
}

TEST(DefaultResponder, OnlyAssistantMessagesCountAsNoUserMessage) {
  Thread thread;
  add_text(thread, "m1", Role::assistant, "I spoke first");
  EXPECT_EQ(default_script(thread, run_with_model("x"))[0].text.rfind("Hello!", 0), 0U);
}

// ---------------------------------------------------------------- plan_script

ScriptAction calls(std::vector<std::string> names) {
  ScriptAction action;
  action.kind = ActionKind::function_call;
  for (auto& name : names) action.calls.push_back(FunctionCallSpec{std::move(name), "{}"});
  return action;
}

std::vector<ActionKind> kinds(const RunScript& script) {
  std::vector<ActionKind> out;
  for (const auto& action : script) out.push_back(action.kind);
  return out;
}

Run run_with(const Json& tool_choice, const Json& tools, bool parallel = true) {
  Run run;
  run.tool_choice = tool_choice;
  run.tools = tools;
  run.parallel_tool_calls = parallel;
  return run;
}

const Json k_function_tool = Json{{"type", "function"}, {"function", {{"name", "get_weather"}}}};

TEST(PlanScript, AutoKeepsTheScript) {
  const RunScript script = {calls({"a"}), message_action("m")};
  EXPECT_EQ(kinds(plan_script(script, run_with("auto", Json::array({k_function_tool})))),
            kinds(script));
}

TEST(PlanScript, NoneDropsToolCalls) {
  const RunScript planned =
      plan_script({calls({"a"}), message_action("m")}, run_with("none", Json::array()));
  EXPECT_EQ(kinds(planned), std::vector<ActionKind>{ActionKind::message});
}

TEST(PlanScript, RequiredForcesACallOfTheFirstFunctionTool) {
  const RunScript planned =
      plan_script({message_action("m")}, run_with("required", Json::array({k_function_tool})));
  ASSERT_EQ(planned.size(), 2U);
  EXPECT_EQ(planned[0].kind, ActionKind::function_call);
  EXPECT_EQ(planned[0].calls[0].name, "get_weather");
  const RunScript already = plan_script({calls({"x"}), message_action("m")},
                                        run_with("required", Json::array({k_function_tool})));
  EXPECT_EQ(already.size(), 2U);  // a tool call is already there
}

TEST(PlanScript, NamedFunctionIsCalledFirst) {
  const Json choice = {{"type", "function"}, {"function", {{"name", "lookup"}}}};
  const RunScript planned = plan_script({message_action("m")}, run_with(choice, Json::array()));
  ASSERT_EQ(planned.size(), 2U);
  EXPECT_EQ(planned[0].calls[0].name, "lookup");
}

TEST(PlanScript, NamedCodeInterpreterIsCalledFirst) {
  const RunScript planned = plan_script({message_action("m")},
                                        run_with(Json{{"type", "code_interpreter"}}, Json::array()));
  ASSERT_EQ(planned.size(), 2U);
  EXPECT_EQ(planned[0].kind, ActionKind::code_interpreter);
}

TEST(PlanScript, SequentialToolCallsSplitParallelCalls) {
  const RunScript planned =
      plan_script({calls({"a", "b", "c"}), message_action("m")}, run_with("auto", Json::array(), false));
  ASSERT_EQ(planned.size(), 4U);
  EXPECT_EQ(planned[0].calls.size(), 1U);
  EXPECT_EQ(planned[1].calls[0].name, "b");
  EXPECT_EQ(planned[2].calls[0].name, "c");
  EXPECT_EQ(planned[3].kind, ActionKind::message);
}

}  // namespace
