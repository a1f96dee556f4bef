// Message handlers through the route table, on a ManualClock and seeded ids.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/assistants_harness.hpp"

namespace {
using mock::Json;
using tests::support::AssistantsHarness;
using tests::support::k_start_ms;

TEST(MessagesHandlers, CreateUserMessage) {
  AssistantsHarness harness;
  auto thread = harness.create_thread();
  harness.advance_ms(2500);
  auto result = harness.post("/v1/threads/" + thread + "/messages",
                                   Json{{"role", "user"}, {"content", "I need help."},
                                        {"metadata", {{"k", "v"}}}});
  ASSERT_EQ(result.status, 200) << result.json.dump();
  Json& m = result.json;
  EXPECT_TRUE(result.id().starts_with("msg_"));
  EXPECT_EQ(m["object"], "thread.message");
  EXPECT_EQ(m["created_at"], k_start_ms / 1000 + 2);
  EXPECT_EQ(m["thread_id"], thread);
  EXPECT_EQ(m["status"], "completed");
  EXPECT_EQ(m["role"], "user");
  EXPECT_TRUE(m["assistant_id"].is_null());
  EXPECT_TRUE(m["run_id"].is_null());
  EXPECT_EQ(m["content"], Json::array({Json{{"type", "text"},
                                            {"text", {{"value", "I need help."},
                                                      {"annotations", Json::array()}}}}}));
  EXPECT_EQ(m["attachments"], Json::array());
  EXPECT_EQ(m["metadata"], (Json{{"k", "v"}}));
}

TEST(MessagesHandlers, RetrieveModifyDelete) {
  AssistantsHarness harness;
  auto thread = harness.create_thread();
  auto id = harness.add_message(thread, "hello");
  const std::string path = "/v1/threads/" + thread + "/messages/" + id;
  EXPECT_EQ(harness.get(path).json["content"][0]["text"]["value"], "hello");

  auto modified = harness.post(path, Json{{"metadata", {{"seen", "yes"}}}});
  ASSERT_EQ(modified.status, 200);
  EXPECT_EQ(modified.json["metadata"], (Json{{"seen", "yes"}}));
  EXPECT_EQ(harness.post(path, Json{{"content", "changed"}}).error()["param"], "content");

  auto deleted = harness.del(path);
  EXPECT_EQ(deleted.json, (Json{{"id", id}, {"object", "thread.message.deleted"}, {"deleted", true}}));
  EXPECT_EQ(harness.get(path).status, 404);
  EXPECT_EQ(harness.get(path).error()["message"], "No message found with id '" + id + "'.");
}

TEST(MessagesHandlers, MessageOfAnotherThreadIsNotFound) {
  AssistantsHarness harness;
  auto a = harness.create_thread();
  auto b = harness.create_thread();
  auto id = harness.add_message(a, "in a");
  EXPECT_EQ(harness.get("/v1/threads/" + b + "/messages/" + id).status, 404);
}

TEST(MessagesHandlers, ListFiltersByRunId) {
  AssistantsHarness harness(1000);
  auto assistant = harness.create_assistant();
  auto thread = harness.create_thread();
  harness.add_message(thread, "question");
  auto run = harness.post("/v1/threads/" + thread + "/runs", Json{{"assistant_id", assistant}});
  ASSERT_EQ(run.status, 200);
  harness.advance_ms(10'000);

  auto all = harness.get("/v1/threads/" + thread + "/messages");
  ASSERT_EQ(all.json["data"].size(), 2U);
  auto of_run = harness.get("/v1/threads/" + thread + "/messages?run_id=" + run.id());
  ASSERT_EQ(of_run.status, 200);
  ASSERT_EQ(of_run.json["data"].size(), 1U);
  EXPECT_EQ(of_run.json["data"][0]["run_id"], run.id());
  EXPECT_EQ(of_run.json["data"][0]["role"], "assistant");
  EXPECT_EQ(of_run.json["first_id"], of_run.json["last_id"]);
  auto none = harness.get("/v1/threads/" + thread + "/messages?run_id=run_other");
  EXPECT_EQ(none.json["data"], Json::array());
  EXPECT_EQ(none.json["has_more"], false);
}

TEST(MessagesHandlers, CreateValidationErrors) {
  AssistantsHarness harness;
  auto thread = harness.create_thread();
  const std::string path = "/v1/threads/" + thread + "/messages";
  EXPECT_EQ(harness.post(path, Json{{"content", "x"}}).error()["message"],
            "Missing required parameter: 'role'.");
  EXPECT_EQ(harness.post(path, Json{{"role", "user"}, {"content", "x"}, {"file_ids", Json::array()}})
                .error()["message"],
            "Unknown parameter: 'file_ids'.");
  EXPECT_EQ(harness.call_raw_body("POST", path, "{bad").error()["message"].get<std::string>().rfind(
                "We could not parse the JSON body", 0),
            0U);
}

// Pages are built from each message's cached bytes: a change made after a page was served
// must show on the next one, for changes by a client and by a run alike.
TEST(MessagesHandlers, PagesShowEveryChangeAfterTheyWereServed) {
  AssistantsHarness harness(1000);
  auto assistant = harness.create_assistant();
  auto thread = harness.create_thread();
  auto id = harness.add_message(thread, "question");
  const std::string list = "/v1/threads/" + thread + "/messages";
  EXPECT_EQ(harness.get(list).json["data"][0]["metadata"], Json::object());
  ASSERT_EQ(harness.post(list + "/" + id, Json{{"metadata", {{"seen", "yes"}}}}).status, 200);
  EXPECT_EQ(harness.get(list).json["data"][0]["metadata"], (Json{{"seen", "yes"}}));

  auto run = harness.post("/v1/threads/" + thread + "/runs", Json{{"assistant_id", assistant}});
  ASSERT_EQ(run.status, 200);
  std::vector<std::string> statuses;
  for (int tick = 0; tick < 8; ++tick) {
    const Json page = harness.get(list).json;
    if (page["data"].size() == 2U) {
      const Json& reply = page["data"][0];
      statuses.push_back(reply["status"].get<std::string>());
      // The page and a retrieve of the same message agree at every moment.
      EXPECT_EQ(reply, harness.get(list + "/" + reply["id"].get<std::string>()).json);
    }
    harness.advance_ms(1000);
  }
  ASSERT_FALSE(statuses.empty());
  EXPECT_EQ(statuses.back(), "completed");
  const Json reply = harness.get(list).json["data"][0];
  EXPECT_EQ(reply["role"], "assistant");
  EXPECT_FALSE(reply["content"][0]["text"]["value"].get<std::string>().empty());
}

}  // namespace
