// Thread create / retrieve / modify / delete over real HTTP.
#include <string>

#include <gtest/gtest.h>

#include "tests/support/api_expect.hpp"
#include "tests/support/test_server.hpp"

namespace {
using mock::Json;
using namespace tests::support;

class ThreadsApi : public ::testing::Test {
protected:
  TestServer server;
  ApiClient client = server.client();
};

TEST_F(ThreadsApi, CreateWithInitialMessages) {
  Json thread = post_ok(
      client, "/v1/threads",
      Json{{"messages",
            Json::array({Json{{"role", "user"},
                              {"content", "I need to solve the equation `3x + 11 = 14`. Can you help me?"}},
                         Json{{"role", "assistant"}, {"content", "Sure."}},
                         Json{{"role", "user"},
                              {"content", Json::array({Json{{"type", "text"}, {"text", "Thanks!"}}})}}})},
           {"metadata", {{"user", "jane"}}}});
  const std::string id = thread["id"];
  EXPECT_TRUE(id.starts_with("thread_"));
  EXPECT_EQ(thread["object"], "thread");
  EXPECT_EQ(thread["metadata"], (Json{{"user", "jane"}}));
  EXPECT_EQ(thread["tool_resources"], Json::object());
  EXPECT_EQ(get_ok(client, "/v1/threads/" + id), thread);

  Json list = get_ok(client, "/v1/threads/" + id + "/messages?order=asc");
  ASSERT_EQ(list["data"].size(), 3U);
  EXPECT_EQ(list["data"][0]["role"], "user");
  EXPECT_EQ(list["data"][0]["content"][0]["text"]["value"],
            "I need to solve the equation `3x + 11 = 14`. Can you help me?");
  EXPECT_EQ(list["data"][1]["role"], "assistant");
  EXPECT_EQ(list["data"][2]["content"][0]["text"]["value"], "Thanks!");
  for (const Json& message : list["data"]) {
    EXPECT_EQ(message["thread_id"], id);
    EXPECT_TRUE(message["assistant_id"].is_null());
    EXPECT_TRUE(message["run_id"].is_null());
    EXPECT_EQ(message["status"], "completed");
  }
}

TEST_F(ThreadsApi, CreateWithoutABody) {
  auto result = client.send("POST", "/v1/threads", std::nullopt);
  ASSERT_EQ(result.status, 200) << describe(result);
  EXPECT_EQ(result.json["metadata"], Json::object());
}

TEST_F(ThreadsApi, Modify) {
  auto file = client.upload_file("notes.txt", "x = 1");
  ASSERT_EQ(file.status, 200) << describe(file);
  const std::string file_id = file.json["id"];
  const std::string id = create_thread(client, Json{{"metadata", {{"a", "1"}}}});
  Json modified =
      post_ok(client, "/v1/threads/" + id,
              Json{{"metadata", {{"b", "2"}}},
                   {"tool_resources", {{"code_interpreter", {{"file_ids", {file_id}}}}}}});
  EXPECT_EQ(modified["id"], id);
  EXPECT_EQ(modified["metadata"], (Json{{"b", "2"}}));
  EXPECT_EQ(modified["tool_resources"]["code_interpreter"]["file_ids"], Json::array({file_id}));
  EXPECT_EQ(get_ok(client, "/v1/threads/" + id), modified);
}

TEST_F(ThreadsApi, DeleteThenTheThreadAndItsMessagesAre404) {
  const std::string id = create_thread(
      client, Json{{"messages", Json::array({Json{{"role", "user"}, {"content", "hi"}}})}});
  Json messages = get_ok(client, "/v1/threads/" + id + "/messages");
  ASSERT_EQ(messages["data"].size(), 1U);
  const std::string message_id = messages["data"][0]["id"];

  auto deleted = client.del("/v1/threads/" + id);
  ASSERT_EQ(deleted.status, 200) << describe(deleted);
  EXPECT_EQ(deleted.json, (Json{{"id", id}, {"object", "thread.deleted"}, {"deleted", true}}));

  const std::string gone = "No thread found with id '" + id + "'.";
  expect_error(client.get("/v1/threads/" + id), 404, gone);
  expect_error(client.get("/v1/threads/" + id + "/messages"), 404, gone);
  expect_error(client.get("/v1/threads/" + id + "/messages/" + message_id), 404, gone);
  expect_error(client.post("/v1/threads/" + id + "/messages",
                           Json{{"role", "user"}, {"content", "x"}}),
               404, gone);
  expect_error(client.del("/v1/threads/" + id), 404, gone);
}

}  // namespace
