// A run's whole life over real HTTP with a fast pace (run_step_ms = 5): poll until it
// completes (bounded, no fixed sleeps), then check what it left behind.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/api_expect.hpp"
#include "tests/support/test_server.hpp"

namespace {
using mock::Json;
using namespace tests::support;

TEST(RunLifecycleApi, PollUntilCompletedThenReadTheReply) {
  TestServer server;
  ApiClient client = server.client();
  const std::string assistant = create_assistant(
      client, Json{{"model", "gpt-4"},
                   {"name", "Math Tutor"},
                   {"instructions", "You are a personal math tutor. Write and run code to answer math questions."},
                   {"tools", Json::array({Json{{"type", "code_interpreter"}}})}});
  const std::string thread = create_thread(client);
  const std::string user_message =
      add_user_message(client, thread, "I need to solve the equation `3x + 11 = 14`. Can you help me?");

  auto created = client.post("/v1/threads/" + thread + "/runs",
                                   Json{{"assistant_id", assistant},
                                        {"instructions", "Please address the user as Jane Doe. The user has a premium account."}});
  ASSERT_EQ(created.status, 200) << describe(created);
  ASSERT_TRUE(created.has_header("openai-poll-after-ms"));
  const std::string run_id = created.json["id"];

  // Every poll answer is a run with the poll header; statuses only move forward.
  const std::vector<std::string> order = {"queued", "in_progress", "completed"};
  std::size_t last_rank = 0;
  Json run;
  const bool completed = wait_until([&] {
    auto polled = client.get("/v1/threads/" + thread + "/runs/" + run_id);
    EXPECT_EQ(polled.status, 200) << describe(polled);
    EXPECT_TRUE(polled.has_header("openai-poll-after-ms"));
    run = polled.json;
    auto rank = std::find(order.begin(), order.end(), run.value("status", "")) - order.begin();
    EXPECT_LT(static_cast<std::size_t>(rank), order.size()) << "unexpected status " << run.dump();
    EXPECT_GE(static_cast<std::size_t>(rank), last_rank) << "status went back: " << run.dump();
    last_rank = static_cast<std::size_t>(rank);
    return run.value("status", "") == "completed";
  });
  ASSERT_TRUE(completed) << "last seen: " << run.dump();

  EXPECT_TRUE(run["started_at"].is_number_integer());
  EXPECT_TRUE(run["completed_at"].is_number_integer());
  EXPECT_GE(run["started_at"].get<std::int64_t>(), run["created_at"].get<std::int64_t>());
  EXPECT_GE(run["completed_at"].get<std::int64_t>(), run["started_at"].get<std::int64_t>());
  EXPECT_TRUE(run["expires_at"].is_null());
  EXPECT_TRUE(run["cancelled_at"].is_null());
  EXPECT_TRUE(run["failed_at"].is_null());
  EXPECT_TRUE(run["last_error"].is_null());
  EXPECT_TRUE(run["required_action"].is_null());
  ASSERT_TRUE(run["usage"].is_object()) << run.dump();
  EXPECT_GT(run["usage"]["prompt_tokens"].get<int>(), 0);
  EXPECT_GT(run["usage"]["completion_tokens"].get<int>(), 0);
  EXPECT_EQ(run["usage"]["total_tokens"].get<int>(),
            run["usage"]["prompt_tokens"].get<int>() + run["usage"]["completion_tokens"].get<int>());

  // The assistant's reply follows the user's message and names its run and assistant.
  Json messages = get_ok(client, "/v1/threads/" + thread + "/messages?order=asc");
  ASSERT_EQ(messages["data"].size(), 2U) << messages.dump();
  EXPECT_EQ(messages["data"][0]["id"], user_message);
  Json& reply = messages["data"][1];
  EXPECT_EQ(reply["role"], "assistant");
  EXPECT_EQ(reply["assistant_id"], assistant);
  EXPECT_EQ(reply["run_id"], run_id);
  EXPECT_EQ(reply["status"], "completed");
  EXPECT_EQ(reply["thread_id"], thread);
  EXPECT_GE(reply["created_at"].get<std::int64_t>(), messages["data"][0]["created_at"].get<std::int64_t>());
  EXPECT_FALSE(reply["content"][0]["text"]["value"].get<std::string>().empty());
  // The default reply quotes the user's message.
  EXPECT_NE(reply["content"][0]["text"]["value"].get<std::string>().find("3x + 11 = 14"),
            std::string::npos);

  // Newest first by default: the reply leads.
  EXPECT_EQ(get_ok(client, "/v1/threads/" + thread + "/messages")["first_id"], reply["id"]);

  // A message_creation step points at the reply.
  Json steps = get_ok(client, "/v1/threads/" + thread + "/runs/" + run_id + "/steps");
  bool found = false;
  for (const Json& step : steps["data"]) {
    if (step["type"] == "message_creation" &&
        step["step_details"]["message_creation"]["message_id"] == reply["id"]) {
      found = true;
      EXPECT_EQ(step["status"], "completed");
      EXPECT_TRUE(step["usage"].is_object());
    }
  }
  EXPECT_TRUE(found) << steps.dump();

  // The thread is free again.
  EXPECT_EQ(client.post("/v1/threads/" + thread + "/messages", Json{{"role", "user"}, {"content", "Thanks!"}})
                .status,
            200);
}

TEST(RunLifecycleApi, ConsecutiveRunsOnOneThread) {
  TestServer server;
  ApiClient client = server.client();
  const std::string assistant = create_assistant(client);
  const std::string thread = create_thread(client);
  for (int round = 0; round < 3; ++round) {
    add_user_message(client, thread, "question " + std::to_string(round));
    Json run = post_ok(client, "/v1/threads/" + thread + "/runs", Json{{"assistant_id", assistant}});
    poll_run(client, thread, run["id"], [](const Json& r) { return has_status(r, "completed"); });
  }
  Json messages = get_ok(client, "/v1/threads/" + thread + "/messages?order=asc");
  ASSERT_EQ(messages["data"].size(), 6U);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(messages["data"][i]["role"], i % 2 == 0 ? "user" : "assistant") << i;
  }
  EXPECT_EQ(get_ok(client, "/v1/threads/" + thread + "/runs")["data"].size(), 3U);
}

}  // namespace
