// Conversations and their items over real HTTP: create with items, get, update metadata,
// delete; items create / list (paginated, newest first by default) / get / delete; the
// service's errors.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/api_expect.hpp"
#include "tests/support/test_server.hpp"

namespace {
using mock::Json;
using namespace tests::support;

class ConversationsApi : public ::testing::Test {
protected:
  TestServer server;
  ApiClient client = server.client();

  void SetUp() override { client.set_beta(std::nullopt); }  // no OpenAI-Beta on this API

  std::string create(const Json& body = Json::object()) {
    return post_ok(client, "/v1/conversations", body).value("id", "");
  }
  Json user_item(const std::string& text) { return Json{{"role", "user"}, {"content", text}}; }
};

TEST_F(ConversationsApi, CreateWithItemsThenRetrieveUpdateDelete) {
  const Json created = post_ok(client, "/v1/conversations",
                               Json{{"metadata", {{"topic", "algebra"}}},
                                    {"items", Json::array({user_item("Hello"),
                                                           Json{{"type", "message"},
                                                                {"role", "assistant"},
                                                                {"content", "Hi!"}}})}});
  const std::string id = created["id"];
  EXPECT_TRUE(id.starts_with("conv_"));
  EXPECT_EQ(created["object"], "conversation");
  EXPECT_TRUE(created["created_at"].is_number_integer());
  EXPECT_EQ(created["metadata"], (Json{{"topic", "algebra"}}));
  EXPECT_EQ(created.size(), 4U) << created.dump();
  EXPECT_EQ(get_ok(client, "/v1/conversations/" + id), created);

  const Json items = get_ok(client, "/v1/conversations/" + id + "/items?order=asc");
  ASSERT_EQ(items["data"].size(), 2U);
  const Json& user = items["data"][0];
  EXPECT_TRUE(user["id"].get<std::string>().starts_with("msg_"));
  EXPECT_EQ(user["type"], "message");
  EXPECT_EQ(user["role"], "user");
  EXPECT_EQ(user["status"], "completed");
  EXPECT_EQ(user["content"], Json::array({Json{{"type", "input_text"}, {"text", "Hello"}}}));
  EXPECT_EQ(items["data"][1]["content"][0]["type"], "output_text");
  EXPECT_EQ(items["data"][1]["content"][0]["text"], "Hi!");

  const Json updated = post_ok(client, "/v1/conversations/" + id, Json{{"metadata", {{"topic", "geometry"}}}});
  EXPECT_EQ(updated["metadata"], (Json{{"topic", "geometry"}}));
  EXPECT_EQ(updated["created_at"], created["created_at"]);

  const ApiResult deleted = client.del("/v1/conversations/" + id);
  EXPECT_EQ(deleted.status, 200);
  EXPECT_EQ(deleted.json, (Json{{"id", id}, {"object", "conversation.deleted"}, {"deleted", true}}));
  expect_error(client.get("/v1/conversations/" + id), 404, "Conversation with id '" + id + "' not found.");
}

TEST_F(ConversationsApi, ItemsPageNewestFirstWithCursors) {
  const std::string id = create();
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    const Json added = post_ok(client, "/v1/conversations/" + id + "/items",
                               Json{{"items", Json::array({user_item("m" + std::to_string(i))})}});
    EXPECT_EQ(added["object"], "list");
    ASSERT_EQ(added["data"].size(), 1U);
    EXPECT_EQ(added["first_id"], added["data"][0]["id"]);
    ids.push_back(added["data"][0]["id"]);
  }
  const Json first = get_ok(client, "/v1/conversations/" + id + "/items?limit=2");
  ASSERT_EQ(first["data"].size(), 2U);
  EXPECT_EQ(first["data"][0]["id"], ids[4]);
  EXPECT_EQ(first["data"][1]["id"], ids[3]);
  EXPECT_EQ(first["first_id"], ids[4]);
  EXPECT_EQ(first["last_id"], ids[3]);
  EXPECT_TRUE(first["has_more"]);
  const Json rest = get_ok(client, "/v1/conversations/" + id + "/items?limit=10&after=" + ids[3]);
  ASSERT_EQ(rest["data"].size(), 3U);
  EXPECT_EQ(rest["data"][2]["id"], ids[0]);
  EXPECT_FALSE(rest["has_more"]);

  const Json one = get_ok(client, "/v1/conversations/" + id + "/items/" + ids[2]);
  EXPECT_EQ(one["content"][0]["text"], "m2");
  // Deleting an item answers the conversation, not a deleted envelope.
  const ApiResult removed = client.del("/v1/conversations/" + id + "/items/" + ids[2]);
  EXPECT_EQ(removed.status, 200);
  EXPECT_EQ(removed.json["object"], "conversation");
  EXPECT_EQ(removed.json["id"], id);
  expect_error(client.get("/v1/conversations/" + id + "/items/" + ids[2]), 404,
               "Item with id '" + ids[2] + "' not found.");
  EXPECT_EQ(get_ok(client, "/v1/conversations/" + id + "/items")["data"].size(), 4U);
}

TEST_F(ConversationsApi, EmptyListHasStringCursors) {
  const Json list = get_ok(client, "/v1/conversations/" + create() + "/items");
  EXPECT_EQ(list["data"], Json::array());
  EXPECT_TRUE(list["first_id"].is_string());
  EXPECT_TRUE(list["last_id"].is_string());
  EXPECT_FALSE(list["has_more"]);
}

TEST_F(ConversationsApi, ErrorsInTheServiceEnvelope) {
  expect_error(client.get("/v1/conversations/conv_missing"), 404, "Conversation with id 'conv_missing' not found.");
  expect_error(client.get("/v1/conversations/thread_1"), 400,
               "Invalid 'conversation_id': 'thread_1'. Expected an ID that begins with 'conv_'.",
               "conversation_id", "invalid_value");
  const std::string id = create();
  expect_error(client.post("/v1/conversations/" + id, Json::object()), 400,
               "Missing required parameter: 'metadata'.", "metadata", "missing_required_parameter");
  expect_error(client.post("/v1/conversations/" + id + "/items", Json::object()), 400,
               "Missing required parameter: 'items'.", "items", "missing_required_parameter");
  expect_error(client.post("/v1/conversations", Json{{"items", Json::array({Json{{"role", "robot"}, {"content", "x"}}})}}),
               400, "Invalid value: 'robot'. Supported values are: 'user', 'assistant', 'system', and 'developer'.",
               "items[0].role", "invalid_value");
  Json many = Json::array();
  for (int i = 0; i < 21; ++i) many.push_back(user_item("x"));
  const ApiResult too_many = client.post("/v1/conversations", Json{{"items", many}});
  EXPECT_EQ(too_many.status, 400);
  EXPECT_EQ(too_many.error_object()["code"], "array_above_max_length");
  expect_error(client.post("/v1/conversations", Json{{"colour", "red"}}), 400, "Unknown parameter: 'colour'.",
               "colour", "unknown_parameter");
  expect_error(client.get("/v1/conversations/" + id + "/turns"), 404,
               "Invalid URL (GET /v1/conversations/" + id + "/turns)");
}

}  // namespace
