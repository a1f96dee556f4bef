// The server serves at most --threads connections and --max-streams streams at once. Before
// these bounds the connection past the pool size was queued by httplib, unanswered, for as
// long as the others lived. Now: a client past the bound gets 503 (connections) or 429
// (streams) in the error envelope at once, an idle keep-alive connection gives its slot to a
// newcomer, and the server serves normally once load is gone.
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "mock/scenario/scenario.hpp"
#include "tests/hostile/support/hostile_server.hpp"
#include "tests/hostile/support/raw_http.hpp"
#include "tests/support/api_expect.hpp"
#include "tests/support/wait.hpp"

namespace hostile {
namespace {
using mock::Json;
using tests::support::ApiClient;
using tests::support::ApiResult;
using tests::support::TestServer;
using tests::support::wait_until;

TEST(ConnectionBound, ClientsPastTheBoundGet503InTheEnvelopeAndTheServerStaysUp) {
  mock::MockServerConfig config = hostile_config();
  config.http.threads = 4;
  config.http.request_timeout_seconds = 4;
  config.http.read_timeout_seconds = 4;
  TestServer server(config);
  // Four requests in progress (their headers unfinished) hold every slot.
  std::vector<std::unique_ptr<RawConnection>> busy;
  for (int i = 0; i < 4; ++i) {
    busy.push_back(std::make_unique<RawConnection>(server.port()));
    ASSERT_TRUE(busy.back()->send("GET /v1/assistants HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  }
  ASSERT_TRUE(wait_until([&] { return server.server().open_connections() == 4; }, 2s));

  std::vector<std::thread> extra;
  std::vector<ApiResult> answers(6);
  std::vector<std::chrono::milliseconds> took(6);
  for (std::size_t i = 0; i < answers.size(); ++i) {
    extra.emplace_back([&, i] {
      ApiClient client = server.client();
      const auto started = std::chrono::steady_clock::now();
      answers[i] = client.get("/v1/assistants");
      took[i] = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    });
  }
  for (std::thread& thread : extra) thread.join();
  for (std::size_t i = 0; i < answers.size(); ++i) {
    tests::support::expect_error(answers[i], 503,
                                 "The server is overloaded: it serves 4 connections at once (--threads). Retry shortly.",
                                 std::nullopt, "server_overloaded", "server_error");
    EXPECT_EQ(answers[i].header("retry-after"), "1");
    EXPECT_LT(took[i], k_prompt) << "a client past the bound waited for an answer";
  }
  EXPECT_EQ(server.server().open_connections(), 4U);

  // The busy ones finish their requests: the server is itself again.
  for (auto& connection : busy) {
    ASSERT_TRUE(connection->send("Authorization: Bearer sk-test\r\nOpenAI-Beta: assistants=v2\r\n\r\n"));
    EXPECT_EQ(connection->read_response(3s).status, 200);
  }
  busy.clear();
  expect_served_promptly(server);
}

TEST(ConnectionBound, IdleKeepAliveConnectionsGiveTheirSlotsToNewcomers) {
  mock::MockServerConfig config = hostile_config();
  config.http.threads = 2;
  config.http.keep_alive_timeout_seconds = 30;  // only yielding can free these slots
  TestServer server(config);
  ApiClient first = server.client();
  ApiClient second = server.client();
  first.set_keep_alive(true);
  second.set_keep_alive(true);
  ASSERT_EQ(first.get("/v1/assistants").status, 200);
  ASSERT_EQ(second.get("/v1/assistants").status, 200);
  ASSERT_EQ(server.server().open_connections(), 2U);

  expect_served_promptly(server);  // a third client: served, not refused
  // The clients whose connections were closed reconnect on their next request.
  EXPECT_EQ(first.get("/v1/assistants").status, 200);
  EXPECT_EQ(second.get("/v1/assistants").status, 200);
}

mock::MockServerConfig one_stream_config() {
  mock::MockServerConfig config = hostile_config();
  config.max_streams = 1;
  config.scenario = mock::scenario::parse_scenario(Json::parse(R"({
    "name": "long",
    "rules": [ { "when": { "message_contains": "take your time" },
                 "then": [ { "message": "done", "delay_ms": 1500 } ] } ] })"));
  return config;
}

std::string stream_request(const std::string& thread_id, const std::string& assistant) {
  return http_request("POST", "/v1/threads/" + thread_id + "/runs", api_headers(),
                      Json{{"assistant_id", assistant}, {"stream", true}}.dump());
}

TEST(ConnectionBound, AStreamPastMaxStreamsIs429AndCreatesNoRun) {
  TestServer server(one_stream_config());
  ApiClient client = server.client();
  const std::string assistant = tests::support::create_assistant(client);
  const std::string busy_thread = tests::support::create_thread(client);
  tests::support::add_user_message(client, busy_thread, "take your time");
  const std::string other_thread = tests::support::create_thread(client);
  tests::support::add_user_message(client, other_thread, "hello");

  RawConnection streaming(server.port());
  ASSERT_TRUE(streaming.send(stream_request(busy_thread, assistant)));
  ASSERT_NE(streaming.read_until("event: thread.run.created", 3s), "");

  RawConnection refused(server.port());
  ASSERT_TRUE(refused.send(stream_request(other_thread, assistant)));
  const RawResponse answer = refused.read_response(3s);
  EXPECT_EQ(answer.status, 429) << answer.describe();
  EXPECT_EQ(answer.error_code(), "too_many_streams") << answer.describe();
  EXPECT_EQ(answer.header("retry-after"), "1");
  EXPECT_LT(answer.elapsed, k_prompt);
  EXPECT_EQ(tests::support::get_ok(client, "/v1/threads/" + other_thread + "/runs")["data"].size(), 0U)
      << "the refused stream left a run behind";
  // Runs that do not stream are not limited.
  EXPECT_EQ(client.post("/v1/threads/" + other_thread + "/runs", Json{{"assistant_id", assistant}}).status, 200);

  ASSERT_NE(streaming.read_until("data: [DONE]", 5s), "");
  streaming.close();
  ASSERT_TRUE(wait_until([&] { return server.server().stream_slots().open() == 0; }, 2s));
  const std::string third_thread = tests::support::create_thread(client);
  tests::support::add_user_message(client, third_thread, "hello again");
  RawConnection again(server.port());
  ASSERT_TRUE(again.send(stream_request(third_thread, assistant)));
  EXPECT_NE(again.read_until("data: [DONE]", 5s), "") << "a stream slot was not given back";
}

}  // namespace
}  // namespace hostile
