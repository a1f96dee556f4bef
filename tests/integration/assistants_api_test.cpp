// Assistants CRUD and list over real HTTP against an in-process server.
#include <string>

#include <gtest/gtest.h>

#include "tests/support/api_expect.hpp"
#include "tests/support/test_server.hpp"

namespace {
using mock::Json;
using namespace tests::support;

class AssistantsApi : public ::testing::Test {
protected:
  TestServer server;
  ApiClient client = server.client();
};

TEST_F(AssistantsApi, CreateReturnsAV2Assistant) {
  auto result = client.post(
      "/v1/assistants",
      Json{{"model", "gpt-4"},
           {"name", "Math Tutor"},
           {"instructions", "You are a personal math tutor. Write and run code to answer math questions."},
           {"tools", Json::array({Json{{"type", "code_interpreter"}}})},
           {"metadata", {{"team", "math"}}}});
  ASSERT_EQ(result.status, 200) << describe(result);
  EXPECT_EQ(result.header("Content-Type"), "application/json");
  Json& a = result.json;
  EXPECT_TRUE(a["id"].get<std::string>().starts_with("asst_"));
  EXPECT_EQ(a["id"].get<std::string>().size(), 5U + 24U);
  EXPECT_EQ(a["object"], "assistant");
  EXPECT_TRUE(a["created_at"].is_number_integer());
  EXPECT_EQ(a["name"], "Math Tutor");
  EXPECT_TRUE(a["description"].is_null());
  EXPECT_EQ(a["model"], "gpt-4");
  EXPECT_EQ(a["tools"], Json::array({Json{{"type", "code_interpreter"}}}));
  EXPECT_EQ(a["metadata"], (Json{{"team", "math"}}));
  EXPECT_FALSE(a.contains("file_ids"));
}

TEST_F(AssistantsApi, RetrieveModifyDelete) {
  const std::string id = create_assistant(client, Json{{"model", "gpt-4o"}, {"name", "Before"}});
  const std::string path = "/v1/assistants/" + id;

  Json retrieved = get_ok(client, path);
  EXPECT_EQ(retrieved["name"], "Before");

  Json modified = post_ok(client, path, Json{{"name", "After"}, {"instructions", "Be brief."},
                                                   {"metadata", {{"v", "2"}}}});
  EXPECT_EQ(modified["id"], id);
  EXPECT_EQ(modified["name"], "After");
  EXPECT_EQ(modified["instructions"], "Be brief.");
  EXPECT_EQ(modified["model"], "gpt-4o");
  EXPECT_EQ(modified["created_at"], retrieved["created_at"]);
  EXPECT_EQ(get_ok(client, path), modified);

  auto deleted = client.del(path);
  ASSERT_EQ(deleted.status, 200) << describe(deleted);
  EXPECT_EQ(deleted.json, (Json{{"id", id}, {"object", "assistant.deleted"}, {"deleted", true}}));
  expect_error(client.get(path), 404, "No assistant found with id '" + id + "'.");
  expect_error(client.del(path), 404, "No assistant found with id '" + id + "'.");
}

TEST_F(AssistantsApi, ListIsNewestFirstWithTheListEnvelope) {
  const std::string a = create_assistant(client);
  const std::string b = create_assistant(client);
  const std::string c = create_assistant(client);
  Json list = get_ok(client, "/v1/assistants");
  ASSERT_EQ(list["data"].size(), 3U);
  EXPECT_EQ(list["object"], "list");
  EXPECT_EQ(list["data"][0]["id"], c);
  EXPECT_EQ(list["data"][1]["id"], b);
  EXPECT_EQ(list["data"][2]["id"], a);
  EXPECT_EQ(list["first_id"], c);
  EXPECT_EQ(list["last_id"], a);
  EXPECT_EQ(list["has_more"], false);

  Json asc = get_ok(client, "/v1/assistants?order=asc&limit=2");
  ASSERT_EQ(asc["data"].size(), 2U);
  EXPECT_EQ(asc["data"][0]["id"], a);
  EXPECT_EQ(asc["has_more"], true);
}

TEST_F(AssistantsApi, DeletedAssistantsLeaveTheList) {
  const std::string a = create_assistant(client);
  const std::string b = create_assistant(client);
  ASSERT_EQ(client.del("/v1/assistants/" + a).status, 200);
  Json list = get_ok(client, "/v1/assistants");
  ASSERT_EQ(list["data"].size(), 1U);
  EXPECT_EQ(list["data"][0]["id"], b);
}

TEST_F(AssistantsApi, EmptyList) {
  EXPECT_EQ(get_ok(client, "/v1/assistants"),
            (Json{{"object", "list"}, {"data", Json::array()}, {"first_id", nullptr},
                  {"last_id", nullptr}, {"has_more", false}}));
}

}  // namespace
