// Message create / list / retrieve / modify / delete over real HTTP.
#include <string>

#include <gtest/gtest.h>

#include "tests/support/api_expect.hpp"
#include "tests/support/test_server.hpp"

namespace {
using mock::Json;
using namespace tests::support;

class MessagesApi : public ::testing::Test {
protected:
  TestServer server;
  ApiClient client = server.client();
  std::string thread = create_thread(client);
  std::string messages_path() const { return "/v1/threads/" + thread + "/messages"; }
};

TEST_F(MessagesApi, CreateAndRetrieve) {
  Json message = post_ok(client, messages_path(),
                               Json{{"role", "user"},
                                    {"content", "I need to solve the equation `3x + 11 = 14`."},
                                    {"metadata", {{"k", "v"}}}});
  const std::string id = message["id"];
  EXPECT_TRUE(id.starts_with("msg_"));
  EXPECT_EQ(message["object"], "thread.message");
  EXPECT_EQ(message["thread_id"], thread);
  EXPECT_EQ(message["role"], "user");
  EXPECT_EQ(message["status"], "completed");
  EXPECT_TRUE(message["assistant_id"].is_null());
  EXPECT_TRUE(message["run_id"].is_null());
  EXPECT_EQ(message["attachments"], Json::array());
  EXPECT_EQ(message["content"],
            Json::array({Json{{"type", "text"},
                              {"text", {{"value", "I need to solve the equation `3x + 11 = 14`."},
                                        {"annotations", Json::array()}}}}}));
  EXPECT_EQ(get_ok(client, messages_path() + "/" + id), message);
}

TEST_F(MessagesApi, ListOrderAndLimit) {
  const std::string a = add_user_message(client, thread, "one");
  const std::string b = add_user_message(client, thread, "two");
  const std::string c = add_user_message(client, thread, "three");
  Json list = get_ok(client, messages_path());
  ASSERT_EQ(list["data"].size(), 3U);
  EXPECT_EQ(list["data"][0]["id"], c);
  EXPECT_EQ(list["data"][2]["id"], a);
  list = get_ok(client, messages_path() + "?order=asc&limit=2");
  ASSERT_EQ(list["data"].size(), 2U);
  EXPECT_EQ(list["data"][0]["id"], a);
  EXPECT_EQ(list["data"][1]["id"], b);
  EXPECT_EQ(list["has_more"], true);
  list = get_ok(client, messages_path() + "?order=asc&after=" + b);
  ASSERT_EQ(list["data"].size(), 1U);
  EXPECT_EQ(list["data"][0]["id"], c);
  EXPECT_EQ(list["has_more"], false);
}

TEST_F(MessagesApi, ListFiltersByRunId) {
  const std::string assistant = create_assistant(client);
  add_user_message(client, thread, "question");
  Json run = post_ok(client, "/v1/threads/" + thread + "/runs", Json{{"assistant_id", assistant}});
  poll_run(client, thread, run["id"], [](const Json& r) { return has_status(r, "completed"); });

  Json all = get_ok(client, messages_path());
  ASSERT_EQ(all["data"].size(), 2U);
  Json of_run = get_ok(client, messages_path() + "?run_id=" + run["id"].get<std::string>());
  ASSERT_EQ(of_run["data"].size(), 1U);
  EXPECT_EQ(of_run["data"][0]["run_id"], run["id"]);
  EXPECT_EQ(of_run["data"][0]["role"], "assistant");
  EXPECT_EQ(of_run["first_id"], of_run["data"][0]["id"]);
  EXPECT_EQ(of_run["last_id"], of_run["data"][0]["id"]);
  EXPECT_EQ(of_run["has_more"], false);
  EXPECT_EQ(get_ok(client, messages_path() + "?run_id=run_none")["data"], Json::array());
}

TEST_F(MessagesApi, ModifyMetadata) {
  const std::string id = add_user_message(client, thread, "hello");
  Json modified =
      post_ok(client, messages_path() + "/" + id, Json{{"metadata", {{"flag", "yes"}}}});
  EXPECT_EQ(modified["metadata"], (Json{{"flag", "yes"}}));
  EXPECT_EQ(modified["content"][0]["text"]["value"], "hello");
  EXPECT_EQ(get_ok(client, messages_path() + "/" + id)["metadata"], (Json{{"flag", "yes"}}));
  expect_error(client.post(messages_path() + "/" + id, Json{{"content", "changed"}}), 400,
               "Unknown parameter: 'content'.", "content", "unknown_parameter");
}

TEST_F(MessagesApi, Delete) {
  const std::string keep = add_user_message(client, thread, "keep");
  const std::string drop = add_user_message(client, thread, "drop");
  auto deleted = client.del(messages_path() + "/" + drop);
  ASSERT_EQ(deleted.status, 200) << describe(deleted);
  EXPECT_EQ(deleted.json,
            (Json{{"id", drop}, {"object", "thread.message.deleted"}, {"deleted", true}}));
  expect_error(client.get(messages_path() + "/" + drop), 404,
               "No message found with id '" + drop + "'.");
  Json list = get_ok(client, messages_path());
  ASSERT_EQ(list["data"].size(), 1U);
  EXPECT_EQ(list["data"][0]["id"], keep);
}

TEST_F(MessagesApi, MessageIdWithTheWrongPrefix) {
  expect_error(client.get(messages_path() + "/undefined"), 400,
               "Invalid 'message_id': 'undefined'. Expected an ID that begins with 'msg'.",
               "message_id", "invalid_value");
}

}  // namespace
