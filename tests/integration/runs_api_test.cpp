// Runs (create / list / retrieve / modify / cancel), run steps and POST /v1/threads/runs over
// real HTTP. Cancel tests use the server's manual clock, so nothing depends on timing.
#include <string>

#include <gtest/gtest.h>

#include "tests/support/api_expect.hpp"
#include "tests/support/test_server.hpp"

namespace {
using mock::Json;
using namespace tests::support;

mock::MockServerConfig manual_clock_config() {
  mock::MockServerConfig config = test_config();
  config.manual_clock = true;
  config.run_step_ms = 1000;
  return config;
}

class RunsApi : public ::testing::Test {
protected:
  explicit RunsApi(mock::MockServerConfig config = test_config()) : server(std::move(config)) {}

  void SetUp() override {
    assistant = create_assistant(
        client, Json{{"model", "gpt-4"}, {"instructions", "You are a personal math tutor."}});
    thread = create_thread(client);
    add_user_message(client, thread, "I need to solve the equation `3x + 11 = 14`. Can you help me?");
  }

  std::string runs_path() const { return "/v1/threads/" + thread + "/runs"; }
  Json create_run(const Json& extra = Json::object()) {
    Json body = {{"assistant_id", assistant}};
    body.update(extra);
    return post_ok(client, runs_path(), body);
  }
  Json wait_for(const std::string& run_id, const char* status) {
    return poll_run(client, thread, run_id, [status](const Json& run) { return has_status(run, status); });
  }
  void advance_ms(std::int64_t delta_ms) { server.server().services().clock.advance_ms(delta_ms); }

  TestServer server;
  ApiClient client = server.client();
  std::string assistant;
  std::string thread;
};

class ManualClockRunsApi : public RunsApi {
protected:
  ManualClockRunsApi() : RunsApi(manual_clock_config()) {}
};

TEST_F(RunsApi, CreateReturnsAQueuedRunWithThePollHeader) {
  auto result = client.post(runs_path(), Json{{"assistant_id", assistant},
                                                   {"instructions", "Please address the user as Jane Doe."},
                                                   {"metadata", {{"k", "v"}}}});
  ASSERT_EQ(result.status, 200) << describe(result);
  EXPECT_EQ(result.header("openai-poll-after-ms"), "5");
  Json& run = result.json;
  EXPECT_TRUE(run["id"].get<std::string>().starts_with("run_"));
  EXPECT_EQ(run["object"], "thread.run");
  EXPECT_EQ(run["thread_id"], thread);
  EXPECT_EQ(run["assistant_id"], assistant);
  EXPECT_TRUE(run["status"] == "queued" || run["status"] == "in_progress") << run.dump();
  EXPECT_EQ(run["expires_at"], run["created_at"].get<std::int64_t>() + 600);
  EXPECT_EQ(run["model"], "gpt-4");
  EXPECT_EQ(run["instructions"], "Please address the user as Jane Doe.");
  EXPECT_EQ(run["metadata"], (Json{{"k", "v"}}));
  EXPECT_TRUE(run["usage"].is_null());
}

TEST_F(RunsApi, RetrieveListAndModify) {
  const std::string first = create_run()["id"];
  wait_for(first, "completed");
  const std::string second = create_run()["id"];

  auto retrieved = client.get(runs_path() + "/" + first);
  ASSERT_EQ(retrieved.status, 200);
  EXPECT_EQ(retrieved.json["id"], first);
  EXPECT_EQ(retrieved.header("openai-poll-after-ms"), "5");

  Json list = get_ok(client, runs_path());
  ASSERT_EQ(list["data"].size(), 2U);
  EXPECT_EQ(list["data"][0]["id"], second);
  EXPECT_EQ(list["data"][1]["id"], first);
  EXPECT_EQ(list["first_id"], second);
  EXPECT_EQ(list["last_id"], first);
  Json asc = get_ok(client, runs_path() + "?order=asc&limit=1");
  EXPECT_EQ(asc["data"][0]["id"], first);
  EXPECT_EQ(asc["has_more"], true);

  auto modified = client.post(runs_path() + "/" + first, Json{{"metadata", {{"reviewed", "yes"}}}});
  ASSERT_EQ(modified.status, 200) << describe(modified);
  EXPECT_EQ(modified.json["metadata"], (Json{{"reviewed", "yes"}}));
  EXPECT_EQ(modified.json["status"], "completed");
  EXPECT_TRUE(modified.has_header("openai-poll-after-ms"));
  wait_for(second, "completed");
}

TEST_F(RunsApi, StepsListAndRetrieve) {
  const std::string run_id = create_run()["id"];
  wait_for(run_id, "completed");
  const std::string steps_path = runs_path() + "/" + run_id + "/steps";
  Json steps = get_ok(client, steps_path);
  EXPECT_EQ(steps["object"], "list");
  ASSERT_EQ(steps["data"].size(), 1U);
  Json& step = steps["data"][0];
  EXPECT_TRUE(step["id"].get<std::string>().starts_with("step_"));
  EXPECT_EQ(step["object"], "thread.run.step");
  EXPECT_EQ(step["type"], "message_creation");
  EXPECT_EQ(step["status"], "completed");
  EXPECT_EQ(step["run_id"], run_id);
  EXPECT_EQ(step["thread_id"], thread);
  EXPECT_EQ(step["assistant_id"], assistant);
  EXPECT_EQ(get_ok(client, steps_path + "/" + step["id"].get<std::string>()), step);
  expect_error(client.get(steps_path + "/step_nope"), 404, "No run step found with id 'step_nope'.");
}

TEST_F(RunsApi, CreateThreadAndRun) {
  auto result = client.post(
      "/v1/threads/runs",
      Json{{"assistant_id", assistant},
           {"thread", {{"messages", Json::array({Json{{"role", "user"}, {"content", "What is 2+2?"}}})}}}});
  ASSERT_EQ(result.status, 200) << describe(result);
  EXPECT_EQ(result.header("openai-poll-after-ms"), "5");
  Json& run = result.json;
  EXPECT_EQ(run["object"], "thread.run");
  const std::string new_thread = run["thread_id"];
  EXPECT_TRUE(new_thread.starts_with("thread_"));
  EXPECT_NE(new_thread, thread);
  Json done = poll_run(client, new_thread, run["id"],
                             [](const Json& r) { return has_status(r, "completed"); });
  Json messages = get_ok(client, "/v1/threads/" + new_thread + "/messages?order=asc");
  ASSERT_EQ(messages["data"].size(), 2U);
  EXPECT_EQ(messages["data"][0]["content"][0]["text"]["value"], "What is 2+2?");
  EXPECT_EQ(messages["data"][1]["run_id"], run["id"]);
  EXPECT_EQ(done["thread_id"], new_thread);
}

TEST_F(RunsApi, CreateThreadAndRunWithoutAThread) {
  Json run = post_ok(client, "/v1/threads/runs", Json{{"assistant_id", assistant}});
  const std::string new_thread = run["thread_id"];
  poll_run(client, new_thread, run["id"], [](const Json& r) { return has_status(r, "completed"); });
  Json messages = get_ok(client, "/v1/threads/" + new_thread + "/messages");
  ASSERT_EQ(messages["data"].size(), 1U);
  EXPECT_EQ(messages["data"][0]["role"], "assistant");
}

TEST_F(RunsApi, CancelOfACompletedRunIs400) {
  const std::string run_id = create_run()["id"];
  wait_for(run_id, "completed");
  expect_error(client.post(runs_path() + "/" + run_id + "/cancel"), 400,
               "Cannot cancel run with status 'completed'.");
}

TEST_F(ManualClockRunsApi, CancelFromQueuedGoesThroughCancellingToCancelled) {
  Json run = create_run();
  EXPECT_EQ(run["status"], "queued");
  auto cancelled = client.post(runs_path() + "/" + run["id"].get<std::string>() + "/cancel");
  ASSERT_EQ(cancelled.status, 200) << describe(cancelled);
  EXPECT_EQ(cancelled.json["status"], "cancelling");
  EXPECT_EQ(cancelled.header("openai-poll-after-ms"), "5");
  advance_ms(1000);
  Json after = get_ok(client, runs_path() + "/" + run["id"].get<std::string>());
  EXPECT_EQ(after["status"], "cancelled");
  EXPECT_TRUE(after["cancelled_at"].is_number_integer());
  EXPECT_TRUE(after["expires_at"].is_null());
  expect_error(client.post(runs_path() + "/" + run["id"].get<std::string>() + "/cancel"), 400,
               "Cannot cancel run with status 'cancelled'.");
}

TEST_F(ManualClockRunsApi, CancelInProgressLeavesTheOpenMessageIncomplete) {
  const std::string run_id = create_run()["id"];
  advance_ms(2000);  // in_progress, with the reply's message and step open
  Json run = get_ok(client, runs_path() + "/" + run_id);
  ASSERT_EQ(run["status"], "in_progress");
  Json cancelled = post_ok(client, runs_path() + "/" + run_id + "/cancel");
  EXPECT_EQ(cancelled["status"], "cancelling");
  advance_ms(1000);
  run = get_ok(client, runs_path() + "/" + run_id);
  EXPECT_EQ(run["status"], "cancelled");

  Json messages = get_ok(client, "/v1/threads/" + thread + "/messages?run_id=" + run_id);
  ASSERT_EQ(messages["data"].size(), 1U);
  EXPECT_EQ(messages["data"][0]["status"], "incomplete");
  EXPECT_EQ(messages["data"][0]["incomplete_details"], (Json{{"reason", "run_cancelled"}}));
  Json steps = get_ok(client, runs_path() + "/" + run_id + "/steps");
  ASSERT_EQ(steps["data"].size(), 1U);
  EXPECT_EQ(steps["data"][0]["status"], "cancelled");
}

class SlowManualClockRunsApi : public RunsApi {
protected:
  SlowManualClockRunsApi() : RunsApi(slow_config()) {}
  static mock::MockServerConfig slow_config() {
    mock::MockServerConfig config = manual_clock_config();
    config.run_step_ms = 700'000;  // slower than a run's ten-minute lifetime
    return config;
  }
};

TEST_F(SlowManualClockRunsApi, RunLeftPastExpiresAtIsExpired) {
  const std::string run_id = create_run()["id"];
  advance_ms(599'000);
  EXPECT_EQ(get_ok(client, runs_path() + "/" + run_id)["status"], "queued");
  advance_ms(1'000);
  Json run = get_ok(client, runs_path() + "/" + run_id);
  EXPECT_EQ(run["status"], "expired");
  EXPECT_EQ(run["expires_at"], run["created_at"].get<std::int64_t>() + 600);
  EXPECT_TRUE(run["completed_at"].is_null());
  // The expired run no longer holds the thread.
  EXPECT_EQ(client.post("/v1/threads/" + thread + "/messages", Json{{"role", "user"}, {"content", "again"}})
                .status,
            200);
}

}  // namespace
