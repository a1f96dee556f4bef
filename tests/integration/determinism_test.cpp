// Two servers with the same seed, given the same requests, hand out the same ids.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/api_expect.hpp"
#include "tests/support/test_server.hpp"

namespace {
using mock::Json;
using namespace tests::support;

mock::MockServerConfig seeded(std::uint64_t seed) {
  mock::MockServerConfig config = test_config();
  config.seed = seed;
  return config;
}

// One fixed conversation; returns every id the server handed out, in order.
std::vector<std::string> conversation(TestServer& server) {
  ApiClient client = server.client();
  std::vector<std::string> ids;
  const std::string assistant = create_assistant(client, Json{{"model", "gpt-4"}, {"name", "Math Tutor"}});
  ids.push_back(assistant);
  const std::string thread = create_thread(
      client, Json{{"messages", Json::array({Json{{"role", "user"}, {"content", "hello"}}})}});
  ids.push_back(thread);
  ids.push_back(add_user_message(client, thread, "I need to solve `3x + 11 = 14`."));
  Json run = post_ok(client, "/v1/threads/" + thread + "/runs", Json{{"assistant_id", assistant}});
  ids.push_back(run["id"]);
  poll_run(client, thread, run["id"], [](const Json& r) { return has_status(r, "completed"); });
  const Json messages = get_ok(client, "/v1/threads/" + thread + "/messages?order=asc");
  for (const Json& message : messages.at("data")) ids.push_back(message.at("id"));
  const Json steps =
      get_ok(client, "/v1/threads/" + thread + "/runs/" + run["id"].get<std::string>() + "/steps");
  for (const Json& step : steps.at("data")) ids.push_back(step.at("id"));
  Json thread_and_run = post_ok(client, "/v1/threads/runs", Json{{"assistant_id", assistant}});
  ids.push_back(thread_and_run["thread_id"]);
  ids.push_back(thread_and_run["id"]);
  ids.push_back(create_assistant(client));
  return ids;
}

TEST(Determinism, SameSeedSameRequestsSameIds) {
  std::vector<std::string> first;
  std::vector<std::string> second;
  {
    TestServer a(seeded(20240417));
    first = conversation(a);
  }
  {
    TestServer b(seeded(20240417));
    second = conversation(b);
  }
  ASSERT_EQ(first.size(), 11U);  // 3 messages and 1 step among them
  EXPECT_EQ(first, second);
}

TEST(Determinism, SameSeedServersSideBySide) {
  TestServer a(seeded(7));
  TestServer b(seeded(7));
  EXPECT_EQ(conversation(a), conversation(b));
}

TEST(Determinism, DifferentSeedsDifferentIds) {
  TestServer a(seeded(1));
  TestServer b(seeded(2));
  ApiClient ca = a.client();
  ApiClient cb = b.client();
  EXPECT_NE(create_assistant(ca), create_assistant(cb));
}

TEST(Determinism, WithoutASeedIdsDifferBetweenServers) {
  TestServer a;
  TestServer b;
  ApiClient ca = a.client();
  ApiClient cb = b.client();
  EXPECT_NE(create_thread(ca), create_thread(cb));
}

}  // namespace
