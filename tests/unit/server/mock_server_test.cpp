#include "mock/server/mock_server.hpp"

#include <regex>
#include <set>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/api_request.hpp"
#include "tests/support/test_server.hpp"

namespace {
using mock::Json;
using mock::MockServer;
using mock::MockServerConfig;
using tests::support::test_config;
using tests::support::TestServer;

mock::http::ApiRequest request(const std::string& method, const std::string& path,
                               const std::string& body = "") {
  return tests::support::api_request(method, path, body);
}

TEST(MockServer, HandleWorksWithoutTheNetwork) {
  MockServer server(test_config());
  auto create = request("POST", "/v1/assistants", R"({"model":"gpt-4o"})");
  auto response = server.handle(create);
  ASSERT_EQ(response.status, 200) << response.body;
  Json assistant = Json::parse(response.body);
  EXPECT_TRUE(assistant["id"].get<std::string>().starts_with("asst_"));

  auto retrieve = request("GET", "/v1/assistants/" + assistant["id"].get<std::string>());
  EXPECT_EQ(Json::parse(server.handle(retrieve).body), assistant);
}

TEST(MockServer, EveryAnswerHasADistinctRequestId) {
  MockServer server(test_config());
  std::set<std::string> ids;
  const std::regex shape("req_[0-9a-f]{32}");
  for (int i = 0; i < 5; ++i) {
    auto missing = request("GET", i % 2 == 0 ? "/v1/assistants" : "/nowhere");
    auto response = server.handle(missing);
    auto it = response.headers.find("x-request-id");
    ASSERT_NE(it, response.headers.end());
    EXPECT_TRUE(std::regex_match(it->second, shape)) << it->second;
    ids.insert(it->second);
  }
  EXPECT_EQ(ids.size(), 5U);
}

TEST(MockServer, RoutingErrorsBecomeEnvelopes) {
  MockServer server(test_config());
  auto unknown = request("GET", "/x");
  auto response = server.handle(unknown);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(Json::parse(response.body)["error"]["message"], "Invalid URL (GET /x)");
}

TEST(MockServer, ConfiguredKeyIsEnforced) {
  MockServerConfig config = test_config();
  config.api_key = "sk-only-this-one-please";
  MockServer server(config);
  auto wrong = request("GET", "/v1/assistants");
  auto response = server.handle(wrong);
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(Json::parse(response.body)["error"]["code"], "invalid_api_key");
}

TEST(MockServer, SameSeedSameIds) {
  MockServerConfig config = test_config();
  config.seed = 1234;
  MockServer a(config);
  MockServer b(config);
  for (int i = 0; i < 3; ++i) {
    auto ra = request("POST", "/v1/threads");
    auto rb = request("POST", "/v1/threads");
    EXPECT_EQ(Json::parse(a.handle(ra).body)["id"], Json::parse(b.handle(rb).body)["id"]);
  }
}

TEST(MockServer, StartServesOnAnEphemeralPortUntilStopped) {
  TestServer server;
  EXPECT_GT(server.port(), 0);
  EXPECT_EQ(server.base_url(), "http://127.0.0.1:" + std::to_string(server.port()));
  auto client = server.client();
  auto result = client.get("/v1/assistants");
  ASSERT_EQ(result.status, 200) << tests::support::describe(result);
  EXPECT_TRUE(result.has_header("x-request-id"));
  EXPECT_EQ(result.header("Content-Type"), "application/json");
}

TEST(MockServer, TwoServersGetTwoPortsAndSeparateState) {
  TestServer a;
  TestServer b;
  EXPECT_NE(a.port(), b.port());
  auto client_a = a.client();
  auto client_b = b.client();
  ASSERT_EQ(client_a.post("/v1/assistants", Json{{"model", "m"}}).status, 200);
  EXPECT_EQ(client_a.get("/v1/assistants").json["data"].size(), 1U);
  EXPECT_EQ(client_b.get("/v1/assistants").json["data"].size(), 0U);
}

TEST(MockServer, StopIsIdempotentAndTheDestructorStops) {
  auto server = std::make_unique<MockServer>(test_config());
  server->start();
  server->stop();
  server->stop();
  server.reset();
  SUCCEED();
}

TEST(MockServer, ServicesAreReachableForInspection) {
  MockServer server(test_config());
  auto create = request("POST", "/v1/threads");
  server.handle(create);
  const std::size_t threads = server.services().store.with_state(
      [](mock::assistants::AssistantsState& state) { return state.threads.size(); });
  EXPECT_EQ(threads, 1U);
}

}  // namespace
