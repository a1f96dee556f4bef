// Assistants handlers through the route table, on a ManualClock and seeded ids.
#include <string>

#include <gtest/gtest.h>

#include "tests/support/assistants_harness.hpp"

namespace {
using mock::Json;
using tests::support::AssistantsHarness;
using tests::support::k_start_ms;

TEST(AssistantsHandlers, CreateReturnsTheStoredAssistant) {
  AssistantsHarness harness;
  auto result = harness.post(
      "/v1/assistants", Json{{"model", "gpt-4"},
                             {"name", "Math Tutor"},
                             {"instructions", "You are a personal math tutor."},
                             {"tools", Json::array({Json{{"type", "code_interpreter"}}})}});
  ASSERT_EQ(result.status, 200) << result.json.dump();
  Json& a = result.json;
  EXPECT_TRUE(a["id"].get<std::string>().starts_with("asst_"));
  EXPECT_EQ(a["object"], "assistant");
  EXPECT_EQ(a["created_at"], k_start_ms / 1000);
  EXPECT_EQ(a["name"], "Math Tutor");
  EXPECT_EQ(a["model"], "gpt-4");
  EXPECT_TRUE(a["description"].is_null());
  EXPECT_EQ(a["tools"], Json::array({Json{{"type", "code_interpreter"}}}));
  EXPECT_EQ(harness.get("/v1/assistants/" + result.id()).json, a);
}

TEST(AssistantsHandlers, ModifyChangesOnlyWhatWasSent) {
  AssistantsHarness harness;
  auto id = harness.create_assistant(
      Json{{"model", "gpt-4o"}, {"name", "A"}, {"description", "d"}, {"temperature", 0.5}});
  const auto modified =
      harness.post("/v1/assistants/" + id, Json{{"name", "B"}, {"description", nullptr}});
  ASSERT_EQ(modified.status, 200);
  EXPECT_EQ(modified.json["name"], "B");
  EXPECT_TRUE(modified.json["description"].is_null());
  EXPECT_EQ(modified.json["model"], "gpt-4o");
  EXPECT_EQ(modified.json["temperature"], 0.5);
  EXPECT_EQ(modified.json["created_at"], k_start_ms / 1000);
  auto reset = harness.post("/v1/assistants/" + id, Json{{"temperature", nullptr}});
  EXPECT_EQ(reset.json["temperature"], 1.0);
}

TEST(AssistantsHandlers, InvalidModifyLeavesTheAssistantUnchanged) {
  AssistantsHarness harness;
  auto id = harness.create_assistant(Json{{"model", "gpt-4o"}, {"name", "A"}});
  const auto refused =
      harness.post("/v1/assistants/" + id, Json{{"name", "B"}, {"temperature", 9}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(harness.get("/v1/assistants/" + id).json["name"], "A");
}

TEST(AssistantsHandlers, DeleteThenNotFound) {
  AssistantsHarness harness;
  auto id = harness.create_assistant();
  auto deleted = harness.del("/v1/assistants/" + id);
  ASSERT_EQ(deleted.status, 200);
  EXPECT_EQ(deleted.json, (Json{{"id", id}, {"object", "assistant.deleted"}, {"deleted", true}}));
  for (const auto& result : {harness.get("/v1/assistants/" + id), harness.del("/v1/assistants/" + id),
                             harness.post("/v1/assistants/" + id, Json{{"name", "x"}})}) {
    EXPECT_EQ(result.status, 404);
    EXPECT_EQ(result.error()["message"], "No assistant found with id '" + id + "'.");
  }
}

TEST(AssistantsHandlers, ListIsNewestFirstByDefault) {
  AssistantsHarness harness;
  auto a = harness.create_assistant();
  harness.advance_ms(1000);
  auto b = harness.create_assistant();
  auto list = harness.get("/v1/assistants");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json["object"], "list");
  ASSERT_EQ(list.json["data"].size(), 2U);
  EXPECT_EQ(list.json["data"][0]["id"], b);
  EXPECT_EQ(list.json["data"][1]["id"], a);
  EXPECT_EQ(list.json["first_id"], b);
  EXPECT_EQ(list.json["last_id"], a);
  EXPECT_EQ(list.json["has_more"], false);
}

TEST(AssistantsHandlers, ListWithADeletedCursorStillPages) {
  AssistantsHarness harness;
  auto a = harness.create_assistant();
  auto b = harness.create_assistant();
  auto c = harness.create_assistant();
  harness.del("/v1/assistants/" + b);
  auto list = harness.get("/v1/assistants?order=asc&after=" + b);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json["data"].size(), 1U);
  EXPECT_EQ(list.json["data"][0]["id"], c);
  (void)a;
}

TEST(AssistantsHandlers, ListWithAnUnknownCursorIs400) {
  AssistantsHarness harness;
  auto result = harness.get("/v1/assistants?after=asst_unknown");
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(result.error()["param"], "after");
}

TEST(AssistantsHandlers, EmptyListHasNullCursors) {
  AssistantsHarness harness;
  auto list = harness.get("/v1/assistants");
  EXPECT_EQ(list.json, (Json{{"object", "list"}, {"data", Json::array()}, {"first_id", nullptr},
                             {"last_id", nullptr}, {"has_more", false}}));
}

TEST(AssistantsHandlers, RetrieveWithWrongPrefixIs400) {
  AssistantsHarness harness;
  auto result = harness.get("/v1/assistants/undefined");
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(result.error()["message"],
            "Invalid 'assistant_id': 'undefined'. Expected an ID that begins with 'asst'.");
}

}  // namespace
