#include "mock/assistants/lifecycle/run_driver.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "mock/assistants/model/message_content.hpp"
#include "mock/assistants/model/wire.hpp"
#include "mock/core/clock.hpp"
#include "mock/core/id_generator.hpp"
#include "tests/support/api_error_matchers.hpp"

namespace {
using mock::Json;
using namespace mock::assistants;
using namespace mock::scenario;
using tests::support::expect_api_error;
using tests::support::thrown_api_error;
// Inside a gtest fixture plain `Run` names testing::Test::Run.
using RunObject = mock::assistants::Run;

constexpr std::int64_t k_t0_ms = 1'700'000'000'000;  // a whole second
constexpr std::int64_t k_t0 = k_t0_ms / 1000;
constexpr const char* k_user_text = "What is 2+2?";
constexpr const char* k_instructions = "Be brief.";

Message text_message(const std::string& id, Role role, const std::string& text) {
  Message message;
  message.id = id;
  message.role = role;
  message.content = {text_part(text)};
  return message;
}

ScriptAction function_call(const std::vector<std::string>& names) {
  ScriptAction action;
  action.kind = ActionKind::function_call;
  for (const std::string& name : names) action.calls.push_back(FunctionCallSpec{name, "{\"city\":\"Paris\"}"});
  return action;
}

// A thread with one user message and a RunDriver on a ManualClock. Nothing here sleeps:
// time moves only through tick().
class RunDriverTest : public ::testing::Test {
protected:
  void SetUp() override {
    thread.id = "thread_test";
    thread.messages.insert(text_message("msg_user", Role::user, k_user_text));
  }

  void use_pace(std::int64_t step_ms) {
    driver = std::make_unique<RunDriver>(ids, RunPace{step_ms});
  }

  RunObject& start_run(const std::vector<std::string>& texts = {"Hello there"}) {
    RunScript script;
    for (const std::string& text : texts) script.push_back(message_action(text));
    return start_script(std::move(script));
  }

  RunObject& start_script(RunScript script, const Json& max_prompt_tokens = nullptr,
                    const Json& max_completion_tokens = nullptr) {
    if (!driver) use_pace(1000);
    RunObject fresh;
    fresh.id = ids.next("run_");
    fresh.created_at = clock.now_seconds();
    fresh.expires_at = fresh.created_at + 600;
    fresh.thread_id = thread.id;
    fresh.assistant_id = "asst_test";
    fresh.model = "gpt-4o";
    fresh.instructions = k_instructions;
    fresh.max_prompt_tokens = max_prompt_tokens;
    fresh.max_completion_tokens = max_completion_tokens;
    RunObject& run = thread.runs.insert(std::move(fresh));
    run_id = run.id;
    driver->schedule(thread, run, clock.now_ms(), std::move(script));
    return run;
  }

  // Moves the clock and lets the driver catch up, as any request touching the thread does.
  void tick(std::int64_t delta_ms) {
    clock.advance_ms(delta_ms);
    driver->advance(thread, clock.now_ms());
  }

  RunObject& run() { return *thread.runs.find(run_id); }

  std::vector<const Message*> run_messages() {
    std::vector<const Message*> out;
    thread.messages.for_each([&](const Message& m) {
      if (m.run_id == run_id) out.push_back(&m);
    });
    return out;
  }
  std::vector<const RunStep*> steps() {
    std::vector<const RunStep*> out;
    run().steps.for_each([&](const RunStep& s) { out.push_back(&s); });
    return out;
  }

  mock::core::ManualClock clock{k_t0_ms};
  mock::core::IdGenerator ids{7};
  std::unique_ptr<RunDriver> driver;
  Thread thread;
  std::string run_id;
};

const std::int64_t k_prompt_tokens =
    estimate_tokens(std::string(k_instructions) + k_user_text);  // instructions + thread text

// ---------------------------------------------------------------- the normal path

TEST_F(RunDriverTest, ScheduleMakesTheQueuedRunTheActiveOne) {
  RunObject& run = start_run();
  EXPECT_EQ(run.status, RunStatus::queued);
  EXPECT_EQ(thread.active_run_id, run.id);
  EXPECT_FALSE(run.started_at.has_value());
  EXPECT_TRUE(run.usage.is_null());
  tick(999);
  EXPECT_EQ(run.status, RunStatus::queued);
}

TEST_F(RunDriverTest, WalksQueuedInProgressMessageStepCompleted) {
  start_run();

  tick(1000);
  EXPECT_EQ(run().status, RunStatus::in_progress);
  EXPECT_EQ(run().started_at, k_t0 + 1);
  EXPECT_TRUE(run_messages().empty());
  EXPECT_TRUE(steps().empty());

  tick(1000);  // the step and an empty in_progress message appear together
  ASSERT_EQ(steps().size(), 1U);
  ASSERT_EQ(run_messages().size(), 1U);
  const RunStep& step = *steps()[0];
  const Message& message = *run_messages()[0];
  EXPECT_EQ(run().status, RunStatus::in_progress);
  EXPECT_EQ(step.status, StepStatus::in_progress);
  EXPECT_EQ(step.type, StepType::message_creation);
  EXPECT_EQ(step.created_at, k_t0 + 2);
  EXPECT_EQ(step.run_id, run_id);
  EXPECT_EQ(step.thread_id, thread.id);
  EXPECT_EQ(step.assistant_id, "asst_test");
  EXPECT_TRUE(step.usage.is_null());
  EXPECT_EQ(step.step_details,
            (Json{{"type", "message_creation"}, {"message_creation", {{"message_id", message.id}}}}));
  EXPECT_TRUE(message.id.starts_with("msg_"));
  EXPECT_TRUE(step.id.starts_with("step_"));
  EXPECT_EQ(message.status, MessageStatus::in_progress);
  EXPECT_EQ(message.role, Role::assistant);
  EXPECT_EQ(message.assistant_id, "asst_test");
  EXPECT_EQ(message.run_id, run_id);
  EXPECT_EQ(message.thread_id, thread.id);
  EXPECT_EQ(message.created_at, k_t0 + 2);
  EXPECT_TRUE(message.content.empty());
  EXPECT_FALSE(message.completed_at.has_value());

  tick(1000);  // the text is written; message and step complete
  EXPECT_EQ(message.status, MessageStatus::completed);
  EXPECT_EQ(message_text(message), "Hello there");
  EXPECT_EQ(message.completed_at, k_t0 + 3);
  EXPECT_EQ(step.status, StepStatus::completed);
  EXPECT_EQ(step.completed_at, k_t0 + 3);
  const std::int64_t completion = estimate_tokens("Hello there");
  EXPECT_EQ(step.usage, (Json{{"prompt_tokens", k_prompt_tokens},
                              {"completion_tokens", completion},
                              {"total_tokens", k_prompt_tokens + completion}}));
  EXPECT_EQ(run().status, RunStatus::in_progress);
  EXPECT_TRUE(run().usage.is_null());  // usage only once terminal

  tick(1000);
  EXPECT_EQ(run().status, RunStatus::completed);
  EXPECT_EQ(run().completed_at, k_t0 + 4);
  EXPECT_FALSE(run().expires_at.has_value());
  EXPECT_EQ(run().usage, (Json{{"prompt_tokens", k_prompt_tokens},
                               {"completion_tokens", completion},
                               {"total_tokens", k_prompt_tokens + completion}}));
  EXPECT_TRUE(run().required_action.is_null());
  EXPECT_FALSE(thread.active_run_id.has_value());
  EXPECT_FALSE(run().cancelled_at.has_value());
  EXPECT_FALSE(run().failed_at.has_value());

  const Json wire = to_wire(run());
  EXPECT_TRUE(wire["expires_at"].is_null());
  EXPECT_EQ(wire["status"], "completed");
}

TEST_F(RunDriverTest, NothingChangesAfterCompletion) {
  start_run();
  tick(4000);
  ASSERT_EQ(run().status, RunStatus::completed);
  const Json before = to_wire(run());
  tick(3'600'000);
  EXPECT_EQ(to_wire(run()), before);
  EXPECT_EQ(run_messages().size(), 1U);
}

TEST_F(RunDriverTest, OneLateAdvanceAppliesEveryTransitionAtItsDueTime) {
  start_run();
  tick(60'000);
  EXPECT_EQ(run().status, RunStatus::completed);
  EXPECT_EQ(run().started_at, k_t0 + 1);
  ASSERT_EQ(run_messages().size(), 1U);
  EXPECT_EQ(run_messages()[0]->created_at, k_t0 + 2);
  EXPECT_EQ(run_messages()[0]->completed_at, k_t0 + 3);
  EXPECT_EQ(run().completed_at, k_t0 + 4);
}

TEST_F(RunDriverTest, AssistantMessageFollowsTheUserMessage) {
  start_run();
  tick(4000);
  std::vector<std::string> order;
  thread.messages.for_each([&](const Message& m) { order.push_back(m.id); });
  ASSERT_EQ(order.size(), 2U);
  EXPECT_EQ(order[0], "msg_user");
  EXPECT_EQ(order[1], run_messages()[0]->id);
}

TEST_F(RunDriverTest, EachScriptedMessageGetsItsOwnStep) {
  start_run({"first", "second reply"});
  tick(60'000);
  ASSERT_EQ(run().status, RunStatus::completed);
  const auto messages = run_messages();
  const auto run_steps = steps();
  ASSERT_EQ(messages.size(), 2U);
  ASSERT_EQ(run_steps.size(), 2U);
  EXPECT_EQ(message_text(*messages[0]), "first");
  EXPECT_EQ(message_text(*messages[1]), "second reply");
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(run_steps[i]->step_details["message_creation"]["message_id"], messages[i]->id);
    EXPECT_EQ(run_steps[i]->status, StepStatus::completed);
  }
  EXPECT_EQ(run().completed_at, k_t0 + 6);  // start, 2 x (open, write), complete
  EXPECT_EQ(run().usage["completion_tokens"],
            estimate_tokens("first") + estimate_tokens("second reply"));
}

TEST_F(RunDriverTest, EmptyScriptCompletesWithoutMessages) {
  start_run({});
  tick(2000);
  EXPECT_EQ(run().status, RunStatus::completed);
  EXPECT_TRUE(run_messages().empty());
  EXPECT_TRUE(steps().empty());
  EXPECT_EQ(run().usage["completion_tokens"], 0);
}

TEST_F(RunDriverTest, AdvanceWithoutAnActiveRunDoesNothing) {
  use_pace(1000);
  driver->advance(thread, k_t0_ms + 10'000);
  EXPECT_EQ(thread.runs.size(), 0U);
  EXPECT_EQ(thread.messages.size(), 1U);
}

TEST_F(RunDriverTest, PaceIsWhatWasConfigured) {
  use_pace(5);
  EXPECT_EQ(driver->pace().step_ms, 5);
}

// ---------------------------------------------------------------- cancel

TEST_F(RunDriverTest, CancelFromQueuedGoesThroughCancellingToCancelled) {
  start_run();
  driver->cancel(thread, run(), clock.now_ms());
  EXPECT_EQ(run().status, RunStatus::cancelling);
  EXPECT_EQ(thread.active_run_id, run_id);  // cancelling still holds the thread
  tick(999);
  EXPECT_EQ(run().status, RunStatus::cancelling);
  tick(1);
  EXPECT_EQ(run().status, RunStatus::cancelled);
  EXPECT_EQ(run().cancelled_at, k_t0 + 1);
  EXPECT_FALSE(run().expires_at.has_value());
  EXPECT_FALSE(run().completed_at.has_value());
  EXPECT_FALSE(run().usage.is_null());
  EXPECT_FALSE(thread.active_run_id.has_value());
  EXPECT_TRUE(run_messages().empty());
  EXPECT_TRUE(steps().empty());
}

TEST_F(RunDriverTest, CancelWithAnOpenMessageLeavesItIncompleteAndTheStepCancelled) {
  start_run();
  tick(2000);  // in_progress, message and step open
  ASSERT_EQ(run_messages().size(), 1U);
  driver->cancel(thread, run(), clock.now_ms());
  EXPECT_EQ(run().status, RunStatus::cancelling);
  const Message& message = *run_messages()[0];
  const RunStep& step = *steps()[0];
  EXPECT_EQ(message.status, MessageStatus::in_progress);

  tick(1000);
  EXPECT_EQ(run().status, RunStatus::cancelled);
  EXPECT_EQ(run().cancelled_at, k_t0 + 3);
  EXPECT_EQ(message.status, MessageStatus::incomplete);
  EXPECT_EQ(message.incomplete_details, (Json{{"reason", "run_cancelled"}}));
  EXPECT_EQ(message.incomplete_at, k_t0 + 3);
  EXPECT_FALSE(message.completed_at.has_value());
  EXPECT_TRUE(message.content.empty());  // the text was never written
  EXPECT_EQ(step.status, StepStatus::cancelled);
  EXPECT_EQ(step.cancelled_at, k_t0 + 3);
  EXPECT_FALSE(step.completed_at.has_value());
  EXPECT_FALSE(thread.active_run_id.has_value());
}

TEST_F(RunDriverTest, CancelFromInProgressAbandonsTheRestOfTheScript) {
  start_run({"a", "b"});
  tick(1000);
  ASSERT_EQ(run().status, RunStatus::in_progress);
  driver->cancel(thread, run(), clock.now_ms());
  tick(60'000);
  EXPECT_EQ(run().status, RunStatus::cancelled);
  EXPECT_TRUE(run_messages().empty());
}

TEST_F(RunDriverTest, CancelFromRequiresActionCancelsTheWaitingToolStep) {
  start_script({function_call({"get_weather"}), message_action("after")});
  tick(2000);
  ASSERT_EQ(run().status, RunStatus::requires_action);
  driver->cancel(thread, run(), clock.now_ms());
  EXPECT_EQ(run().status, RunStatus::cancelling);
  tick(1000);
  EXPECT_EQ(run().status, RunStatus::cancelled);
  EXPECT_TRUE(run().required_action.is_null());
  ASSERT_EQ(steps().size(), 1U);
  EXPECT_EQ(steps()[0]->status, StepStatus::cancelled);
  EXPECT_TRUE(run_messages().empty());
}

TEST_F(RunDriverTest, CancelOfACompletedRunIs400) {
  start_run();
  tick(4000);
  ASSERT_EQ(run().status, RunStatus::completed);
  expect_api_error(thrown_api_error([&] { driver->cancel(thread, run(), clock.now_ms()); }), 400,
                   "Cannot cancel run with status 'completed'.", std::nullopt, std::nullopt);
  EXPECT_EQ(run().status, RunStatus::completed);
}

TEST_F(RunDriverTest, CancelTwiceIs400NamingCancellingThenCancelled) {
  start_run();
  driver->cancel(thread, run(), clock.now_ms());
  expect_api_error(thrown_api_error([&] { driver->cancel(thread, run(), clock.now_ms()); }), 400,
                   "Cannot cancel run with status 'cancelling'.", std::nullopt, std::nullopt);
  tick(1000);
  expect_api_error(thrown_api_error([&] { driver->cancel(thread, run(), clock.now_ms()); }), 400,
                   "Cannot cancel run with status 'cancelled'.", std::nullopt, std::nullopt);
}

TEST_F(RunDriverTest, CancelAppliesDueTransitionsFirst) {
  start_run();
  clock.advance_ms(4000);  // the run is due to have completed, but nobody has looked
  EXPECT_EQ(run().status, RunStatus::queued);
  expect_api_error(thrown_api_error([&] { driver->cancel(thread, run(), clock.now_ms()); }), 400,
                   "Cannot cancel run with status 'completed'.", std::nullopt, std::nullopt);
}

// ---------------------------------------------------------------- expiry

TEST_F(RunDriverTest, RunLeftPastExpiresAtBecomesExpired) {
  use_pace(700'000);  // slower than the 600 s lifetime
  start_run();
  tick(599'999);
  EXPECT_EQ(run().status, RunStatus::queued);
  tick(1);
  EXPECT_EQ(run().status, RunStatus::expired);
  EXPECT_EQ(run().expires_at, k_t0 + 600);  // an expired run keeps the deadline it missed
  EXPECT_FALSE(run().started_at.has_value());
  EXPECT_FALSE(run().completed_at.has_value());
  EXPECT_FALSE(run().cancelled_at.has_value());
  EXPECT_FALSE(run().failed_at.has_value());
  EXPECT_FALSE(run().usage.is_null());
  EXPECT_FALSE(thread.active_run_id.has_value());
  tick(700'000);
  EXPECT_EQ(run().status, RunStatus::expired);
}

TEST_F(RunDriverTest, ExpiryWinsOverATransitionDueAtTheSameMoment) {
  use_pace(600'000);
  start_run();
  tick(600'000);
  EXPECT_EQ(run().status, RunStatus::expired);
}

TEST_F(RunDriverTest, ExpiryClosesTheOpenMessageAndStep) {
  use_pace(250'000);  // in_progress at 250 s, message opened at 500 s, expiry at 600 s
  start_run();
  tick(3'600'000);  // one late look applies everything at its due time
  EXPECT_EQ(run().status, RunStatus::expired);
  EXPECT_EQ(run().started_at, k_t0 + 250);
  ASSERT_EQ(run_messages().size(), 1U);
  ASSERT_EQ(steps().size(), 1U);
  const Message& message = *run_messages()[0];
  const RunStep& step = *steps()[0];
  EXPECT_EQ(message.status, MessageStatus::incomplete);
  EXPECT_EQ(message.incomplete_details, (Json{{"reason", "run_expired"}}));
  EXPECT_EQ(message.incomplete_at, k_t0 + 600);
  EXPECT_EQ(step.status, StepStatus::expired);
  EXPECT_EQ(step.expired_at, k_t0 + 600);
}

TEST_F(RunDriverTest, ExpiredRunCannotBeCancelled) {
  use_pace(700'000);
  start_run();
  tick(600'000);
  expect_api_error(thrown_api_error([&] { driver->cancel(thread, run(), clock.now_ms()); }), 400,
                   "Cannot cancel run with status 'expired'.", std::nullopt, std::nullopt);
}

TEST_F(RunDriverTest, CancellingRunDoesNotExpire) {
  use_pace(700'000);
  start_run();
  driver->cancel(thread, run(), clock.now_ms());
  tick(600'000);
  EXPECT_EQ(run().status, RunStatus::cancelling);
  tick(100'000);
  EXPECT_EQ(run().status, RunStatus::cancelled);
}

TEST_F(RunDriverTest, RunWaitingForToolOutputsExpires) {
  use_pace(1000);
  start_script({function_call({"get_weather"})});
  tick(2000);
  ASSERT_EQ(run().status, RunStatus::requires_action);
  tick(597'999);  // nothing is scheduled while it waits
  EXPECT_EQ(run().status, RunStatus::requires_action);
  tick(1);
  EXPECT_EQ(run().status, RunStatus::expired);
  EXPECT_EQ(steps()[0]->status, StepStatus::expired);
  EXPECT_EQ(steps()[0]->expired_at, k_t0 + 600);
  EXPECT_TRUE(run().required_action.is_null());
}

// ---------------------------------------------------------------- scripted actions

TEST_F(RunDriverTest, FunctionCallWaitsInRequiresActionWithTheCalls) {
  start_script({function_call({"get_weather", "get_time"}), message_action("It is {{tool_output}}")});
  tick(2000);
  ASSERT_EQ(run().status, RunStatus::requires_action);
  ASSERT_EQ(steps().size(), 1U);
  const RunStep& step = *steps()[0];
  EXPECT_EQ(step.type, StepType::tool_calls);
  EXPECT_EQ(step.status, StepStatus::in_progress);
  const Json& calls = run().required_action["submit_tool_outputs"]["tool_calls"];
  EXPECT_EQ(run().required_action["type"], "submit_tool_outputs");
  ASSERT_EQ(calls.size(), 2U);
  EXPECT_TRUE(calls[0]["id"].get<std::string>().starts_with("call_"));
  EXPECT_EQ(calls[0]["type"], "function");
  EXPECT_EQ(calls[0]["function"]["name"], "get_weather");
  EXPECT_EQ(calls[0]["function"]["arguments"], "{\"city\":\"Paris\"}");
  EXPECT_EQ(step.step_details["tool_calls"][0]["id"], calls[0]["id"]);
  EXPECT_TRUE(step.step_details["tool_calls"][0]["function"]["output"].is_null());
  tick(60'000);  // nothing happens without outputs (short of expiry)
  EXPECT_EQ(run().status, RunStatus::requires_action);
}

TEST_F(RunDriverTest, ToolOutputsCompleteTheStepAndRequeueTheRun) {
  start_script({function_call({"get_weather", "get_time"}), message_action("Got: {{tool_output}}")});
  tick(2000);
  const Json calls = run().required_action["submit_tool_outputs"]["tool_calls"];
  const Json outputs = Json::array({Json{{"tool_call_id", calls[1]["id"]}, {"output", "noon"}},
                                    Json{{"tool_call_id", calls[0]["id"]}, {"output", "sunny"}}});
  driver->accept_tool_outputs(thread, run(), outputs, clock.now_ms(), std::nullopt);
  EXPECT_EQ(run().status, RunStatus::queued);
  EXPECT_TRUE(run().required_action.is_null());
  const RunStep& step = *steps()[0];
  EXPECT_EQ(step.status, StepStatus::completed);
  EXPECT_EQ(step.step_details["tool_calls"][0]["function"]["output"], "sunny");
  EXPECT_EQ(step.step_details["tool_calls"][1]["function"]["output"], "noon");

  tick(60'000);
  EXPECT_EQ(run().status, RunStatus::completed);
  ASSERT_EQ(run_messages().size(), 1U);
  EXPECT_EQ(message_text(*run_messages()[0]), "Got: sunny\nnoon");  // in call order
}

TEST_F(RunDriverTest, ToolOutputsMustAnswerExactlyTheCalls) {
  start_script({function_call({"a", "b"})});
  tick(2000);
  const Json calls = run().required_action["submit_tool_outputs"]["tool_calls"];
  const std::string a = calls[0]["id"];
  const std::string b = calls[1]["id"];
  const auto output = [](const std::string& id) {
    return Json{{"tool_call_id", id}, {"output", "x"}};
  };
  expect_api_error(
      thrown_api_error([&] { RunDriver::check_tool_outputs(run(), Json::array({output(a)})); }),
      400, "Expected tool outputs for call_ids ['" + a + "', '" + b + "'], got ['" + a + "']",
      std::nullopt, std::nullopt);
  EXPECT_EQ(thrown_api_error([&] {
              RunDriver::check_tool_outputs(run(), Json::array({output(a), output(a)}));
            }).status(),
            400);
  EXPECT_EQ(thrown_api_error([&] {
              RunDriver::check_tool_outputs(run(),
                                            Json::array({output(a), output(b), output("call_x")}));
            }).status(),
            400);
  EXPECT_NO_THROW(RunDriver::check_tool_outputs(run(), Json::array({output(b), output(a)})));
  EXPECT_EQ(run().status, RunStatus::requires_action);
}

TEST_F(RunDriverTest, ToolOutputsToARunNotWaitingForThemAre400) {
  start_run();
  expect_api_error(thrown_api_error([&] { RunDriver::check_tool_outputs(run(), Json::array()); }),
                   400, "Runs in status \"queued\" do not accept tool outputs.", std::nullopt,
                   std::nullopt);
}

TEST_F(RunDriverTest, ReplacementScriptReplacesWhatWasLeft) {
  start_script({function_call({"f"}), message_action("original")});
  tick(2000);
  const std::string call = run().required_action["submit_tool_outputs"]["tool_calls"][0]["id"];
  driver->accept_tool_outputs(thread, run(),
                              Json::array({Json{{"tool_call_id", call}, {"output", "42"}}}),
                              clock.now_ms(), RunScript{message_action("replaced {{tool_outputs.f}}")});
  tick(60'000);
  ASSERT_EQ(run_messages().size(), 1U);
  EXPECT_EQ(message_text(*run_messages()[0]), "replaced 42");
}

TEST_F(RunDriverTest, FailActionEndsTheRunFailedWithLastError) {
  ScriptAction fail;
  fail.kind = ActionKind::fail;
  fail.code = "rate_limit_exceeded";
  fail.message = "Rate limit reached.";
  start_script({fail, message_action("never")});
  tick(60'000);
  EXPECT_EQ(run().status, RunStatus::failed);
  EXPECT_EQ(run().failed_at, k_t0 + 2);
  EXPECT_EQ(run().last_error, (Json{{"code", "rate_limit_exceeded"}, {"message", "Rate limit reached."}}));
  EXPECT_FALSE(run().expires_at.has_value());
  EXPECT_TRUE(run_messages().empty());
  EXPECT_FALSE(thread.active_run_id.has_value());
}

TEST_F(RunDriverTest, FailAfterToolOutputsAndAMessage) {
  start_script({function_call({"f"})});
  tick(2000);
  const std::string call = run().required_action["submit_tool_outputs"]["tool_calls"][0]["id"];
  ScriptAction fail;
  fail.kind = ActionKind::fail;
  fail.code = "server_error";
  fail.message = "Something went wrong.";
  driver->accept_tool_outputs(thread, run(), Json::array({Json{{"tool_call_id", call}, {"output", "1"}}}),
                              clock.now_ms(), RunScript{message_action("partial"), fail});
  tick(60'000);
  EXPECT_EQ(run().status, RunStatus::failed);
  EXPECT_EQ(run().last_error["code"], "server_error");
  ASSERT_EQ(run_messages().size(), 1U);
  EXPECT_EQ(run_messages()[0]->status, MessageStatus::completed);  // written before the failure
  ASSERT_EQ(steps().size(), 2U);
  for (const RunStep* step : steps()) EXPECT_EQ(step->status, StepStatus::completed);
  EXPECT_FALSE(run().usage.is_null());
}

TEST_F(RunDriverTest, IncompleteActionSetsIncompleteDetails) {
  ScriptAction incomplete;
  incomplete.kind = ActionKind::incomplete;
  incomplete.reason = "max_completion_tokens";
  start_script({incomplete});
  tick(60'000);
  EXPECT_EQ(run().status, RunStatus::incomplete);
  EXPECT_EQ(run().incomplete_details, (Json{{"reason", "max_completion_tokens"}}));
  EXPECT_FALSE(run().expires_at.has_value());
  EXPECT_FALSE(thread.active_run_id.has_value());
}

TEST_F(RunDriverTest, MaxCompletionTokensCutsTheMessageAndEndsIncomplete) {
  start_script({message_action(std::string(2000, 'w')), message_action("never")}, nullptr, 256);
  tick(60'000);
  EXPECT_EQ(run().status, RunStatus::incomplete);
  EXPECT_EQ(run().incomplete_details, (Json{{"reason", "max_completion_tokens"}}));
  ASSERT_EQ(run_messages().size(), 1U);
  const Message& message = *run_messages()[0];
  EXPECT_EQ(message.status, MessageStatus::incomplete);
  EXPECT_EQ(message_text(message).size(), 256U * 4U);
  EXPECT_EQ(run().usage["completion_tokens"], 256);
}

TEST_F(RunDriverTest, MaxPromptTokensEndsTheRunIncompleteAtStart) {
  thread.messages.insert(text_message("msg_long", Role::user, std::string(4000, 'p')));
  start_script({message_action("never")}, 256, nullptr);
  tick(1000);
  EXPECT_EQ(run().status, RunStatus::incomplete);
  EXPECT_EQ(run().incomplete_details, (Json{{"reason", "max_prompt_tokens"}}));
  EXPECT_EQ(run().started_at, k_t0 + 1);
  EXPECT_TRUE(run_messages().empty());
}

TEST_F(RunDriverTest, CodeInterpreterActionWritesAToolCallsStep) {
  ScriptAction code;
  code.kind = ActionKind::code_interpreter;
  code.input = "print(1)";
  code.outputs = Json::array({Json{{"type", "logs"}, {"logs", "1\n"}}});
  start_script({code, message_action("x = 1")});
  tick(2000);
  ASSERT_EQ(steps().size(), 1U);
  EXPECT_EQ(steps()[0]->status, StepStatus::in_progress);
  EXPECT_EQ(steps()[0]->step_details["tool_calls"][0]["code_interpreter"]["outputs"], Json::array());
  tick(1000);
  const RunStep& step = *steps()[0];
  EXPECT_EQ(step.status, StepStatus::completed);
  EXPECT_EQ(step.type, StepType::tool_calls);
  const Json& call = step.step_details["tool_calls"][0];
  EXPECT_EQ(call["type"], "code_interpreter");
  EXPECT_EQ(call["code_interpreter"]["input"], "print(1)");
  EXPECT_EQ(call["code_interpreter"]["outputs"], code.outputs);
  tick(60'000);
  EXPECT_EQ(run().status, RunStatus::completed);
  EXPECT_EQ(steps().size(), 2U);
}

TEST_F(RunDriverTest, DelayHoldsTheNextAction) {
  ScriptAction slow = message_action("slow");
  slow.delay_ms = 5000;
  start_script({slow});
  tick(1000);  // in_progress; the message waits 5 s more than a step
  tick(5999);
  EXPECT_TRUE(run_messages().empty());
  tick(1);
  EXPECT_EQ(run_messages().size(), 1U);
}

TEST_F(RunDriverTest, ExpireActionExpiresTheRunNow) {
  ScriptAction expire;
  expire.kind = ActionKind::expire;
  start_script({expire});
  tick(2000);
  EXPECT_EQ(run().status, RunStatus::expired);
}

TEST(FillTemplate, Placeholders) {
  RunProgress progress;
  progress.user_message = "hi";
  progress.tool_outputs = {{"f", "1"}, {"g", "2"}, {"f", "3"}, {"g", "4"}};
  progress.latest_outputs_from = 2;
  EXPECT_EQ(fill_template("{{user_message}}!", progress), "hi!");
  EXPECT_EQ(fill_template("[{{tool_output}}]", progress), "[3\n4]");
  EXPECT_EQ(fill_template("{{tool_outputs.f}} {{tool_outputs.g}} {{tool_outputs.h}}.", progress),
            "3 4 .");
  EXPECT_EQ(fill_template("{{unknown}} and {{ open", progress), "{{unknown}} and {{ open");
  EXPECT_EQ(fill_template("", progress), "");
}

// ---------------------------------------------------------------- helpers

TEST(EstimateTokens, FourCharactersATokenRoundedUp) {
  EXPECT_EQ(estimate_tokens(""), 0);
  EXPECT_EQ(estimate_tokens("a"), 1);
  EXPECT_EQ(estimate_tokens("abcd"), 1);
  EXPECT_EQ(estimate_tokens("abcde"), 2);
  EXPECT_EQ(estimate_tokens(std::string(400, 'x')), 100);
}

TEST(MessageText, JoinsTextPartsAndSkipsOthers) {
  Message message;
  message.content = {text_part("one"), image_part(ContentPart::Kind::image_file, "file-1"),
                     text_part("two")};
  EXPECT_EQ(message_text(message), "one\ntwo");
  EXPECT_EQ(message_text(Message{}), "");
}

}  // namespace
