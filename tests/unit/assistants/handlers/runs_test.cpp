// Run handlers through the route table. The clock is a ManualClock, so every transition,
// including expiry ten minutes out, happens exactly when the test moves time.
#include <string>

#include <gtest/gtest.h>

#include "mock/scenario/scenario.hpp"

#include "tests/support/assistants_harness.hpp"

namespace {
using mock::Json;
using tests::support::AssistantsHarness;
using tests::support::HarnessResult;
using tests::support::k_start_ms;

constexpr std::int64_t k_t0 = k_start_ms / 1000;

class RunsHandlers : public ::testing::Test {
protected:
  explicit RunsHandlers(std::int64_t step_ms = 1000) : harness(step_ms) {}

  void SetUp() override {
    assistant = harness.create_assistant(Json{{"model", "gpt-4"},
                                              {"instructions", "You are a personal math tutor."},
                                              {"tools", Json::array({Json{{"type", "code_interpreter"}}})},
                                              {"temperature", 0.7},
                                              {"response_format", {{"type", "json_object"}}}});
    thread = harness.create_thread();
    harness.add_message(thread, "I need to solve the equation `3x + 11 = 14`. Can you help me?");
  }

  HarnessResult create_run(const Json& extra = Json::object()) {
    Json body = {{"assistant_id", assistant}};
    body.update(extra);
    return harness.post("/v1/threads/" + thread + "/runs", body);
  }
  std::string run_path(const std::string& run_id) const {
    return "/v1/threads/" + thread + "/runs/" + run_id;
  }
  Json get_run(const std::string& run_id) { return harness.get(run_path(run_id)).json; }

  AssistantsHarness harness;
  std::string assistant;
  std::string thread;
};

TEST_F(RunsHandlers, CreateTakesTheAssistantsSettings) {
  auto result = create_run();
  ASSERT_EQ(result.status, 200) << result.json.dump();
  Json& run = result.json;
  EXPECT_TRUE(result.id().starts_with("run_"));
  EXPECT_EQ(run["object"], "thread.run");
  EXPECT_EQ(run["status"], "queued");
  EXPECT_EQ(run["thread_id"], thread);
  EXPECT_EQ(run["assistant_id"], assistant);
  EXPECT_EQ(run["created_at"], k_t0);
  EXPECT_EQ(run["expires_at"], k_t0 + 600);  // FACTS.md §4
  EXPECT_TRUE(run["started_at"].is_null());
  EXPECT_TRUE(run["usage"].is_null());
  EXPECT_EQ(run["model"], "gpt-4");
  EXPECT_EQ(run["instructions"], "You are a personal math tutor.");
  EXPECT_EQ(run["tools"], Json::array({Json{{"type", "code_interpreter"}}}));
  EXPECT_EQ(run["temperature"], 0.7);
  EXPECT_EQ(run["response_format"], (Json{{"type", "json_object"}}));
  EXPECT_EQ(run["parallel_tool_calls"], true);
  EXPECT_EQ(run["metadata"], Json::object());
}

TEST_F(RunsHandlers, OverridesApplyToTheRunOnly) {
  auto result = create_run({{"model", "gpt-4o"},
                                  {"instructions", "Please address the user as Jane Doe."},
                                  {"additional_instructions", "The user has a premium account."},
                                  {"tools", Json::array()},
                                  {"temperature", 0.1},
                                  {"metadata", {{"k", "v"}}},
                                  {"parallel_tool_calls", false},
                                  {"max_completion_tokens", 500}});
  ASSERT_EQ(result.status, 200) << result.json.dump();
  EXPECT_EQ(result.json["model"], "gpt-4o");
  EXPECT_EQ(result.json["instructions"],
            "Please address the user as Jane Doe.\n\nThe user has a premium account.");
  EXPECT_EQ(result.json["tools"], Json::array());
  EXPECT_EQ(result.json["temperature"], 0.1);
  EXPECT_EQ(result.json["metadata"], (Json{{"k", "v"}}));
  EXPECT_EQ(result.json["parallel_tool_calls"], false);
  EXPECT_EQ(result.json["max_completion_tokens"], 500);
  Json stored = harness.get("/v1/assistants/" + assistant).json;
  EXPECT_EQ(stored["model"], "gpt-4");  // nothing is persisted to the assistant
  EXPECT_EQ(stored["instructions"], "You are a personal math tutor.");
}

TEST_F(RunsHandlers, AdditionalMessagesGoOnTheThreadBeforeTheRun) {
  auto result = create_run(
      {{"additional_messages", Json::array({Json{{"role", "user"}, {"content", "One more thing."}}})}});
  ASSERT_EQ(result.status, 200);
  Json list = harness.get("/v1/threads/" + thread + "/messages?order=asc").json;
  ASSERT_EQ(list["data"].size(), 2U);
  EXPECT_EQ(list["data"][1]["content"][0]["text"]["value"], "One more thing.");
  EXPECT_TRUE(list["data"][1]["run_id"].is_null());
}

TEST_F(RunsHandlers, LifecycleOnTheManualClock) {
  const std::string id = create_run().id();
  EXPECT_EQ(get_run(id)["status"], "queued");
  harness.advance_ms(1000);
  Json run = get_run(id);
  EXPECT_EQ(run["status"], "in_progress");
  EXPECT_EQ(run["started_at"], k_t0 + 1);
  harness.advance_ms(3000);
  run = get_run(id);
  EXPECT_EQ(run["status"], "completed");
  EXPECT_EQ(run["completed_at"], k_t0 + 4);
  EXPECT_TRUE(run["expires_at"].is_null());
  ASSERT_TRUE(run["usage"].is_object());
  EXPECT_EQ(run["usage"]["total_tokens"],
            run["usage"]["prompt_tokens"].get<int>() + run["usage"]["completion_tokens"].get<int>());

  Json messages = harness.get("/v1/threads/" + thread + "/messages").json;
  ASSERT_EQ(messages["data"].size(), 2U);
  Json& reply = messages["data"][0];  // newest first
  EXPECT_EQ(reply["role"], "assistant");
  EXPECT_EQ(reply["assistant_id"], assistant);
  EXPECT_EQ(reply["run_id"], id);
  EXPECT_EQ(reply["status"], "completed");
  EXPECT_EQ(reply["content"][0]["text"]["value"],
            "This is the mock assistant (model gpt-4) replying to: I need to solve the equation "
            "`3x + 11 = 14`. Can you help me?");
}

TEST_F(RunsHandlers, SecondRunWhileOneIsActiveIs400) {
  const std::string id = create_run().id();
  auto second = create_run();
  EXPECT_EQ(second.status, 400);
  EXPECT_EQ(second.error()["message"], "Thread " + thread + " already has an active run " + id + ".");
  EXPECT_EQ(second.error()["type"], "invalid_request_error");
  EXPECT_TRUE(second.error()["param"].is_null());
  EXPECT_TRUE(second.error()["code"].is_null());
}

TEST_F(RunsHandlers, AddingAMessageWhileARunIsActiveIs400) {
  const std::string id = create_run().id();
  auto refused = harness.post("/v1/threads/" + thread + "/messages",
                                    Json{{"role", "user"}, {"content", "more"}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.error()["message"],
            "Can't add messages to " + thread + " while a run " + id + " is active.");
  EXPECT_TRUE(refused.error()["param"].is_null());
  EXPECT_TRUE(refused.error()["code"].is_null());
}

TEST_F(RunsHandlers, ThreadIsFreeAgainOnceTheRunCompletes) {
  create_run();
  harness.advance_ms(10'000);
  EXPECT_EQ(harness.post("/v1/threads/" + thread + "/messages",
                         Json{{"role", "user"}, {"content", "thanks"}})
                .status,
            200);
  EXPECT_EQ(create_run().status, 200);
}

TEST_F(RunsHandlers, CancellingStillHoldsTheThreadAndCancelledFreesIt) {
  const std::string id = create_run().id();
  auto cancelled = harness.post(run_path(id) + "/cancel");
  ASSERT_EQ(cancelled.status, 200);
  EXPECT_EQ(cancelled.json["status"], "cancelling");
  EXPECT_EQ(create_run().status, 400);
  harness.advance_ms(1000);
  Json run = get_run(id);
  EXPECT_EQ(run["status"], "cancelled");
  EXPECT_EQ(run["cancelled_at"], k_t0 + 1);
  EXPECT_TRUE(run["expires_at"].is_null());
  EXPECT_EQ(create_run().status, 200);
}

TEST_F(RunsHandlers, CancelOfACompletedRunIs400) {
  const std::string id = create_run().id();
  harness.advance_ms(10'000);
  auto refused = harness.post(run_path(id) + "/cancel");
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.error()["message"], "Cannot cancel run with status 'completed'.");
  EXPECT_EQ(get_run(id)["status"], "completed");
}

TEST_F(RunsHandlers, UnknownAssistantIs404AndCreatesNothing) {
  auto result = harness.post("/v1/threads/" + thread + "/runs",
                                   Json{{"assistant_id", "asst_doesnotexist"}});
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(result.error()["message"], "No assistant found with id 'asst_doesnotexist'.");
  EXPECT_EQ(harness.get("/v1/threads/" + thread + "/runs").json["data"], Json::array());
  EXPECT_EQ(create_run().status, 200);  // no half-made active run holds the thread
}

TEST_F(RunsHandlers, ModifyRunMetadata) {
  const std::string id = create_run().id();
  auto modified = harness.post(run_path(id), Json{{"metadata", {{"user", "jane"}}}});
  ASSERT_EQ(modified.status, 200);
  EXPECT_EQ(modified.json["metadata"], (Json{{"user", "jane"}}));
  EXPECT_EQ(harness.post(run_path(id), Json{{"model", "x"}}).error()["message"],
            "Unknown parameter: 'model'.");
}

TEST_F(RunsHandlers, ListRunsNewestFirst) {
  const std::string first = create_run().id();
  harness.advance_ms(10'000);
  const std::string second = create_run().id();
  Json list = harness.get("/v1/threads/" + thread + "/runs").json;
  ASSERT_EQ(list["data"].size(), 2U);
  EXPECT_EQ(list["data"][0]["id"], second);
  EXPECT_EQ(list["data"][1]["id"], first);
  EXPECT_EQ(list["data"][1]["status"], "completed");
}

TEST_F(RunsHandlers, RunOfAnotherThreadIsNotFound) {
  const std::string id = create_run().id();
  const std::string other = harness.create_thread();
  auto result = harness.get("/v1/threads/" + other + "/runs/" + id);
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(result.error()["message"], "No run found with id '" + id + "'.");
}

TEST_F(RunsHandlers, SubmitToolOutputsToARunNotWaitingForThemIs400) {
  const std::string id = create_run().id();
  Json outputs = {{"tool_outputs", Json::array({Json{{"tool_call_id", "call_1"}, {"output", "1"}}})}};
  auto refused = harness.post(run_path(id) + "/submit_tool_outputs", outputs);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.error()["message"], "Runs in status \"queued\" do not accept tool outputs.");
  harness.advance_ms(10'000);
  refused = harness.post(run_path(id) + "/submit_tool_outputs", outputs);
  EXPECT_EQ(refused.error()["message"], "Runs in status \"completed\" do not accept tool outputs.");
}

class SlowRunsHandlers : public RunsHandlers {
protected:
  SlowRunsHandlers() : RunsHandlers(700'000) {}  // slower than a run's 600 s lifetime
};

TEST_F(SlowRunsHandlers, RunLeftPastExpiresAtIsExpired) {
  const std::string id = create_run().id();
  harness.advance_ms(599'999);
  EXPECT_EQ(get_run(id)["status"], "queued");
  harness.advance_ms(1);
  Json run = get_run(id);
  EXPECT_EQ(run["status"], "expired");
  EXPECT_EQ(run["expires_at"], k_t0 + 600);
  EXPECT_TRUE(run["completed_at"].is_null());
  EXPECT_EQ(create_run().status, 200);  // an expired run no longer holds the thread
  auto outputs = harness.post(
      run_path(id) + "/submit_tool_outputs",
      Json{{"tool_outputs", Json::array({Json{{"tool_call_id", "call_1"}, {"output", "1"}}})}});
  EXPECT_EQ(outputs.error()["message"], "Runs in status \"expired\" do not accept tool outputs.");
}

// ---------------------------------------------------------------- scripted tool calls

TEST_F(RunsHandlers, ScenarioToolCallWaitsForOutputsThenAnswers) {
  harness.scenarios().load(mock::scenario::parse_scenario(Json{
      {"rules",
       Json::array({Json{{"when", {{"message_contains", "3x + 11"}}},
                         {"then", Json::array({Json{{"function_call", {{"name", "solve"}, {"arguments", {{"eq", "3x+11=14"}}}}}},
                                               Json{{"message", "x = {{tool_output}}"}}})}}})}}));
  const std::string id = create_run().id();
  harness.advance_ms(2000);
  Json run = get_run(id);
  ASSERT_EQ(run["status"], "requires_action") << run.dump();
  const Json calls = run["required_action"]["submit_tool_outputs"]["tool_calls"];
  ASSERT_EQ(calls.size(), 1U);
  EXPECT_EQ(calls[0]["function"]["name"], "solve");
  EXPECT_EQ(calls[0]["function"]["arguments"], R"({"eq":"3x+11=14"})");
  const std::string call_id = calls[0]["id"];

  auto refused = harness.post(run_path(id) + "/submit_tool_outputs",
                              Json{{"tool_outputs", Json::array({Json{{"tool_call_id", "call_other"}, {"output", "1"}}})}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.error()["message"],
            "Expected tool outputs for call_ids ['" + call_id + "'], got ['call_other']");

  auto accepted = harness.post(run_path(id) + "/submit_tool_outputs",
                               Json{{"tool_outputs", Json::array({Json{{"tool_call_id", call_id}, {"output", "1"}}})}});
  ASSERT_EQ(accepted.status, 200) << accepted.json.dump();
  EXPECT_EQ(accepted.json["status"], "queued");
  EXPECT_TRUE(accepted.json["required_action"].is_null());
  EXPECT_TRUE(accepted.header("openai-poll-after-ms").has_value());

  harness.advance_ms(10'000);
  run = get_run(id);
  EXPECT_EQ(run["status"], "completed");
  Json reply = harness.get("/v1/threads/" + thread + "/messages?run_id=" + id).json["data"][0];
  EXPECT_EQ(reply["content"][0]["text"]["value"], "x = 1");
  Json steps = harness.get(run_path(id) + "/steps?order=asc").json["data"];
  ASSERT_EQ(steps.size(), 2U);
  EXPECT_EQ(steps[0]["type"], "tool_calls");
  EXPECT_EQ(steps[0]["step_details"]["tool_calls"][0]["function"]["output"], "1");
  EXPECT_EQ(steps[1]["type"], "message_creation");
}

// ---------------------------------------------------------------- POST /v1/threads/runs

TEST_F(RunsHandlers, CreateThreadAndRun) {
  auto result = harness.post(
      "/v1/threads/runs",
      Json{{"assistant_id", assistant},
           {"thread", {{"messages", Json::array({Json{{"role", "user"}, {"content", "Hi"}}})},
                       {"metadata", {{"k", "v"}}}}},
           {"tool_resources", {{"code_interpreter", {{"file_ids", {"file-1"}}}}}}});
  ASSERT_EQ(result.status, 200) << result.json.dump();
  const std::string new_thread = result.json["thread_id"];
  EXPECT_NE(new_thread, thread);
  EXPECT_EQ(result.json["status"], "queued");
  Json stored = harness.get("/v1/threads/" + new_thread).json;
  EXPECT_EQ(stored["metadata"], (Json{{"k", "v"}}));
  EXPECT_EQ(stored["tool_resources"]["code_interpreter"]["file_ids"][0], "file-1");
  harness.advance_ms(10'000);
  Json messages = harness.get("/v1/threads/" + new_thread + "/messages?order=asc").json;
  ASSERT_EQ(messages["data"].size(), 2U);
  EXPECT_EQ(messages["data"][0]["content"][0]["text"]["value"], "Hi");
  EXPECT_EQ(messages["data"][1]["run_id"], result.id());
}

TEST_F(RunsHandlers, CreateThreadAndRunWithAnUnknownAssistantLeavesNoThread) {
  const std::size_t before = harness.services().store.with_state(
      [](mock::assistants::AssistantsState& state) { return state.threads.size(); });
  auto result = harness.post("/v1/threads/runs", Json{{"assistant_id", "asst_missing"}});
  EXPECT_EQ(result.status, 404);
  const std::size_t after = harness.services().store.with_state(
      [](mock::assistants::AssistantsState& state) { return state.threads.size(); });
  EXPECT_EQ(after, before);
}

}  // namespace
