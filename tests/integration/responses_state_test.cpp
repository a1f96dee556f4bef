// The Responses objects under the server's shared machinery: --seed with the manual clock
// gives the same bytes for the same requests; /__admin/state shows conversations and
// responses; /__admin/reset clears them; the journal records the calls.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/api_expect.hpp"
#include "tests/support/test_server.hpp"

namespace {
using mock::Json;
using namespace tests::support;

mock::MockServerConfig seeded_manual_clock() {
  mock::MockServerConfig config = test_config();
  config.seed = 7;
  config.manual_clock = true;
  return config;
}

// A fixed session over both new APIs; returns every answer body as sent.
std::vector<std::string> session(TestServer& server) {
  ApiClient client = server.client();
  client.set_beta(std::nullopt);
  std::vector<std::string> bodies;
  const ApiResult conversation = client.post("/v1/conversations", Json{{"items", Json::array({Json{{"role", "user"}, {"content", "hi"}}})}});
  bodies.push_back(conversation.body);
  const std::string conversation_id = conversation.json["id"];
  bodies.push_back(client.post("/v1/responses", Json{{"model", "m"}, {"conversation", conversation_id}, {"input", "one"}}).body);
  const ApiResult chained = client.post("/v1/responses", Json{{"model", "m"}, {"input", "two"}});
  bodies.push_back(chained.body);
  bodies.push_back(client.post("/v1/responses", Json{{"model", "m"}, {"previous_response_id", chained.json["id"]},
                                                      {"input", "three"}, {"stream", true}}).body);
  bodies.push_back(client.get("/v1/conversations/" + conversation_id + "/items").body);
  return bodies;
}

TEST(ResponsesState, SameSeedSameRequestsSameBytes) {
  std::vector<std::string> first;
  std::vector<std::string> second;
  {
    TestServer a(seeded_manual_clock());
    first = session(a);
  }
  {
    TestServer b(seeded_manual_clock());
    second = session(b);
  }
  ASSERT_EQ(first.size(), 5U);
  EXPECT_NE(first[1], first[2]);
  EXPECT_EQ(first, second);
}

TEST(ResponsesState, AdminStateShowsThemAndResetClearsThem) {
  TestServer server(seeded_manual_clock());
  ApiClient client = server.client();
  client.set_beta(std::nullopt);
  const std::string conversation = post_ok(client, "/v1/conversations").value("id", "");
  const Json response = post_ok(client, "/v1/responses", Json{{"model", "m"}, {"conversation", conversation}, {"input", "hi"}});

  const Json state = get_ok(client, "/__admin/state");
  ASSERT_EQ(state["conversations"].size(), 1U);
  EXPECT_EQ(state["conversations"][0]["id"], conversation);
  EXPECT_EQ(state["conversations"][0]["items"].size(), 2U);
  ASSERT_EQ(state["responses"].size(), 1U);
  EXPECT_EQ(state["responses"][0]["id"], response["id"]);
  EXPECT_EQ(state["responses"][0]["input_items"][0]["content"][0]["text"], "hi");

  const Json journal = get_ok(client, "/__admin/requests");
  bool journaled = false;
  for (const Json& entry : journal["entries"]) journaled = journaled || entry.dump().find("/v1/responses") != std::string::npos;
  EXPECT_TRUE(journaled) << journal.dump();

  EXPECT_EQ(client.post("/__admin/reset").status, 200);
  const Json cleared = get_ok(client, "/__admin/state");
  EXPECT_EQ(cleared["conversations"], Json::array());
  EXPECT_EQ(cleared["responses"], Json::array());
  expect_error(client.get("/v1/responses/" + response["id"].get<std::string>()), 404,
               "Response with id '" + response["id"].get<std::string>() + "' not found.");
}

}  // namespace
