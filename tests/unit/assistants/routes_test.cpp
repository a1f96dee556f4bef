#include "mock/assistants/routes.hpp"

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/assistants_harness.hpp"

namespace {
using mock::Json;
using tests::support::AssistantsHarness;

// The Assistants v2 surface as the API reference lists it (FACTS.md §2.1, §3.1).
const std::vector<std::tuple<std::string, std::string, std::string>> k_reference = {
    {"POST", "/v1/assistants", "assistants.create"},
    {"GET", "/v1/assistants", "assistants.list"},
    {"GET", "/v1/assistants/{assistant_id}", "assistants.retrieve"},
    {"POST", "/v1/assistants/{assistant_id}", "assistants.modify"},
    {"DELETE", "/v1/assistants/{assistant_id}", "assistants.delete"},
    {"POST", "/v1/threads", "threads.create"},
    {"GET", "/v1/threads/{thread_id}", "threads.retrieve"},
    {"POST", "/v1/threads/{thread_id}", "threads.modify"},
    {"DELETE", "/v1/threads/{thread_id}", "threads.delete"},
    {"POST", "/v1/threads/{thread_id}/messages", "messages.create"},
    {"GET", "/v1/threads/{thread_id}/messages", "messages.list"},
    {"GET", "/v1/threads/{thread_id}/messages/{message_id}", "messages.retrieve"},
    {"POST", "/v1/threads/{thread_id}/messages/{message_id}", "messages.modify"},
    {"DELETE", "/v1/threads/{thread_id}/messages/{message_id}", "messages.delete"},
    {"POST", "/v1/threads/runs", "runs.create_thread_and_run"},
    {"POST", "/v1/threads/{thread_id}/runs", "runs.create"},
    {"GET", "/v1/threads/{thread_id}/runs", "runs.list"},
    {"GET", "/v1/threads/{thread_id}/runs/{run_id}", "runs.retrieve"},
    {"POST", "/v1/threads/{thread_id}/runs/{run_id}", "runs.modify"},
    {"POST", "/v1/threads/{thread_id}/runs/{run_id}/cancel", "runs.cancel"},
    {"POST", "/v1/threads/{thread_id}/runs/{run_id}/submit_tool_outputs", "runs.submit_tool_outputs"},
    {"GET", "/v1/threads/{thread_id}/runs/{run_id}/steps", "run_steps.list"},
    {"GET", "/v1/threads/{thread_id}/runs/{run_id}/steps/{step_id}", "run_steps.retrieve"},
};

TEST(AssistantsRoutes, TableHasTheWholeV2Surface) {
  AssistantsHarness harness;
  std::vector<std::tuple<std::string, std::string, std::string>> registered;
  for (const auto& route : harness.routes().routes()) {
    registered.emplace_back(route.method, route.pattern, route.name);
  }
  // The v1-only file endpoints may sit beside them.
  EXPECT_THAT(registered, ::testing::IsSupersetOf(k_reference));
}

TEST(AssistantsRoutes, NamesAndMethodPatternPairsAreUnique) {
  AssistantsHarness harness;
  std::set<std::string> names;
  std::set<std::pair<std::string, std::string>> endpoints;
  for (const auto& route : harness.routes().routes()) {
    EXPECT_TRUE(names.insert(route.name).second) << route.name;
    EXPECT_TRUE(endpoints.insert({route.method, route.pattern}).second) << route.pattern;
  }
}

TEST(AssistantsRoutes, ThreadAndRunIsNotModifyThread) {
  AssistantsHarness harness;
  const auto assistant = harness.create_assistant();
  const auto result = harness.post("/v1/threads/runs", Json{{"assistant_id", assistant}});
  EXPECT_EQ(result.route, "runs.create_thread_and_run");
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.json["object"], "thread.run");
}

TEST(AssistantsRoutes, EveryRouteChecksTheKeyFirst) {
  for (const auto& [method, pattern, name] : k_reference) {
    AssistantsHarness harness;
    const auto result = harness.call(method, pattern, std::nullopt, mock::http::Headers{});
    EXPECT_EQ(result.status, 401) << name;
    EXPECT_TRUE(result.error()["code"].is_null()) << name;
  }
}

TEST(AssistantsRoutes, EveryRouteNeedsTheBetaHeader) {
  for (const auto& [method, pattern, name] : k_reference) {
    AssistantsHarness harness;
    mock::http::Headers headers;
    headers.emplace("Authorization", "Bearer sk-test");
    const auto result = harness.call(method, pattern, std::nullopt, headers);
    EXPECT_EQ(result.status, 400) << name;
    EXPECT_EQ(result.error()["code"], "invalid_beta") << name;
  }
}

TEST(AssistantsRoutes, ConfiguredKeyIsEnforced) {
  AssistantsHarness harness;
  harness.config().api_key = "sk-the-right-key-123";
  EXPECT_EQ(harness.get("/v1/assistants").error()["code"], "invalid_api_key");
  mock::http::Headers headers;
  headers.emplace("Authorization", "Bearer sk-the-right-key-123");
  headers.emplace("OpenAI-Beta", "assistants=v2");
  EXPECT_EQ(harness.call("GET", "/v1/assistants", std::nullopt, headers).status, 200);
}

TEST(AssistantsRoutes, RunAnswersCarryThePollAfterHeader) {
  AssistantsHarness harness;
  harness.config().poll_after_ms = 123;
  const auto assistant = harness.create_assistant();
  const auto thread = harness.create_thread();
  const auto created = harness.post("/v1/threads/" + thread + "/runs", Json{{"assistant_id", assistant}});
  ASSERT_EQ(created.status, 200);
  EXPECT_EQ(created.header("openai-poll-after-ms"), "123");
  const std::string run_path = "/v1/threads/" + thread + "/runs/" + created.id();
  EXPECT_EQ(harness.get(run_path).header("openai-poll-after-ms"), "123");
  EXPECT_EQ(harness.post(run_path, Json{{"metadata", {{"a", "b"}}}}).header("openai-poll-after-ms"),
            "123");
  EXPECT_EQ(harness.post(run_path + "/cancel").header("openai-poll-after-ms"), "123");
  EXPECT_EQ(harness.post("/v1/threads/runs", Json{{"assistant_id", assistant}})
                .header("openai-poll-after-ms"),
            "123");
  // Lists and non-run objects do not carry it.
  EXPECT_FALSE(harness.get("/v1/threads/" + thread + "/runs").header("openai-poll-after-ms"));
  EXPECT_FALSE(harness.get("/v1/threads/" + thread).header("openai-poll-after-ms"));
}

TEST(AssistantsRoutes, UnknownPathAndWrongMethod) {
  AssistantsHarness harness;
  const auto missing = harness.get("/v1/nothing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.error()["message"], "Invalid URL (GET /v1/nothing)");
  const auto wrong = harness.call("PUT", "/v1/assistants");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.error()["message"], "Method not allowed (PUT /v1/assistants)");
}

}  // namespace
