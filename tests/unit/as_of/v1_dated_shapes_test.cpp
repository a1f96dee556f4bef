// v1 objects with the fields of the server's date, through the whole server (handlers, lists).
#include "mock/assistants/model/v1_dated_shapes.hpp"

#include <gtest/gtest.h>

#include "mock/server/mock_server.hpp"
#include "tests/support/api_request.hpp"
#include "tests/support/test_server.hpp"

namespace {
using mock::Json;

class V1DatedShapes : public ::testing::Test {
protected:
  Json send(const std::string& method, const std::string& path, const std::string& body = "") {
    mock::http::ApiRequest r = tests::support::api_request(method, path, body, "assistants=v1");
    const auto response = m_server.handle(r);
    EXPECT_EQ(response.status, 200) << method << " " << path << ": " << response.body;
    return Json::parse(response.body);
  }
  void set_date(const char* date) { m_server.as_of().set(timeline::parse_date(date)); }

  // A thread with one user message and a run on it; returns {thread id, run id}.
  std::pair<std::string, std::string> thread_with_run() {
    const std::string assistant = send("POST", "/v1/assistants", R"({"model":"gpt-4"})")["id"];
    const std::string thread = send("POST", "/v1/threads")["id"];
    send("POST", "/v1/threads/" + thread + "/messages", R"({"role":"user","content":"Hi"})");
    const std::string run = send("POST", "/v1/threads/" + thread + "/runs", R"({"assistant_id":")" + assistant + R"("})")["id"];
    return {thread, run};
  }

  mock::MockServer m_server{tests::support::test_config()};
};

TEST_F(V1DatedShapes, December2023HasTheSeedArticlesFields) {
  set_date("2023-12-15");
  const auto [thread, run] = thread_with_run();
  const Json r = send("GET", "/v1/threads/" + thread + "/runs/" + run);
  EXPECT_FALSE(r.contains("usage"));
  EXPECT_FALSE(r.contains("temperature"));
  EXPECT_TRUE(r.contains("required_action"));
  const Json messages = send("GET", "/v1/threads/" + thread + "/messages");
  ASSERT_FALSE(messages["data"].empty());
  EXPECT_FALSE(messages["data"][0].contains("status"));
}

TEST_F(V1DatedShapes, UsageFrom2024_01_18AndMessageStatusFrom2024_03_27) {
  set_date("2024-01-18");
  const auto [thread, run] = thread_with_run();
  const Json r = send("GET", "/v1/threads/" + thread + "/runs/" + run);
  EXPECT_TRUE(r.contains("usage"));
  EXPECT_FALSE(r.contains("temperature"));
  EXPECT_FALSE(send("GET", "/v1/threads/" + thread + "/messages")["data"][0].contains("status"));
  set_date("2024-03-27");
  EXPECT_TRUE(send("GET", "/v1/threads/" + thread + "/messages")["data"][0].contains("status"));
}

TEST_F(V1DatedShapes, TheFinalV1ShapesFrom2024_04_16) {
  set_date("2024-04-16");
  const auto [thread, run] = thread_with_run();
  const Json r = send("GET", "/v1/threads/" + thread + "/runs/" + run);
  for (const char* field : {"usage", "temperature", "top_p", "incomplete_details", "max_prompt_tokens",
                            "max_completion_tokens", "truncation_strategy", "tool_choice", "response_format"}) {
    EXPECT_TRUE(r.contains(field)) << field;
  }
  EXPECT_FALSE(r.contains("parallel_tool_calls")) << "a v2 field";
}

TEST_F(V1DatedShapes, WithoutADateV1KeepsTheArticlesShapes) {
  const auto [thread, run] = thread_with_run();
  EXPECT_FALSE(send("GET", "/v1/threads/" + thread + "/runs/" + run).contains("usage"));
}

}  // namespace
