// Thread handlers through the route table, on a ManualClock and seeded ids.
#include <string>

#include <gtest/gtest.h>

#include "tests/support/assistants_harness.hpp"

namespace {
using mock::Json;
using tests::support::AssistantsHarness;
using tests::support::k_start_ms;

TEST(ThreadsHandlers, CreateEmpty) {
  AssistantsHarness harness;
  auto result = harness.post("/v1/threads");
  ASSERT_EQ(result.status, 200);
  EXPECT_TRUE(result.id().starts_with("thread_"));
  EXPECT_EQ(result.json, (Json{{"id", result.id()}, {"object", "thread"},
                               {"created_at", k_start_ms / 1000},
                               {"tool_resources", Json::object()}, {"metadata", Json::object()}}));
}

TEST(ThreadsHandlers, CreateWithMessagesStoresThemInOrder) {
  AssistantsHarness harness;
  auto thread = harness.post(
      "/v1/threads",
      Json{{"messages", Json::array({Json{{"role", "user"}, {"content", "one"}},
                                     Json{{"role", "assistant"}, {"content", "two"}}})},
           {"metadata", {{"k", "v"}}}});
  ASSERT_EQ(thread.status, 200) << thread.json.dump();
  EXPECT_EQ(thread.json["metadata"]["k"], "v");
  auto list = harness.get("/v1/threads/" + thread.id() + "/messages?order=asc");
  ASSERT_EQ(list.json["data"].size(), 2U);
  EXPECT_EQ(list.json["data"][0]["content"][0]["text"]["value"], "one");
  EXPECT_EQ(list.json["data"][1]["role"], "assistant");
  EXPECT_EQ(list.json["data"][0]["thread_id"], thread.id());
}

TEST(ThreadsHandlers, InvalidMessageCreatesNoThread) {
  AssistantsHarness harness;
  const auto refused =
      harness.post("/v1/threads", Json{{"messages", Json::array({Json{{"role", "user"}}})}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.error()["param"], "messages[0].content");
  const std::size_t count = harness.services().store.with_state(
      [](mock::assistants::AssistantsState& state) { return state.threads.size(); });
  EXPECT_EQ(count, 0U);
}

TEST(ThreadsHandlers, ModifyMetadataAndToolResources) {
  AssistantsHarness harness;
  auto id = harness.create_thread(Json{{"metadata", {{"a", "1"}}}});
  auto modified = harness.post("/v1/threads/" + id, Json{{"metadata", {{"b", "2"}}}});
  ASSERT_EQ(modified.status, 200);
  EXPECT_EQ(modified.json["metadata"], (Json{{"b", "2"}}));  // replaced, not merged
  modified = harness.post("/v1/threads/" + id,
                          Json{{"tool_resources", {{"code_interpreter", {{"file_ids", {"file-1"}}}}}}});
  EXPECT_EQ(modified.json["tool_resources"]["code_interpreter"]["file_ids"][0], "file-1");
  EXPECT_EQ(modified.json["metadata"], (Json{{"b", "2"}}));
  modified = harness.post("/v1/threads/" + id, Json{{"metadata", nullptr}});
  EXPECT_EQ(modified.json["metadata"], Json::object());
  EXPECT_EQ(harness.post("/v1/threads/" + id, Json{{"messages", Json::array()}}).status, 400);
}

TEST(ThreadsHandlers, DeleteTakesItsMessagesAlong) {
  AssistantsHarness harness;
  auto id = harness.create_thread();
  auto message = harness.add_message(id, "hi");
  auto deleted = harness.del("/v1/threads/" + id);
  EXPECT_EQ(deleted.json, (Json{{"id", id}, {"object", "thread.deleted"}, {"deleted", true}}));
  EXPECT_EQ(harness.get("/v1/threads/" + id).status, 404);
  auto messages = harness.get("/v1/threads/" + id + "/messages");
  EXPECT_EQ(messages.status, 404);
  EXPECT_EQ(messages.error()["message"], "No thread found with id '" + id + "'.");
  EXPECT_EQ(harness.get("/v1/threads/" + id + "/messages/" + message).status, 404);
  EXPECT_EQ(harness.del("/v1/threads/" + id).status, 404);
}

TEST(ThreadsHandlers, WrongPrefix) {
  AssistantsHarness harness;
  auto result = harness.get("/v1/threads/undefined");
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(result.error()["message"],
            "Invalid 'thread_id': 'undefined'. Expected an ID that begins with 'thread'.");
  EXPECT_EQ(result.error()["param"], "thread_id");
}

}  // namespace
