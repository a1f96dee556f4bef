// Slow clients: a request whose headers or body trickle in, or a connection that says
// nothing, is cut off within the configured time-outs (408 in the error envelope where an
// answer is possible), and ordinary clients are served meanwhile. Before the HTTP front had
// a request deadline, a byte every half second held a worker thread for as long as the client
// liked (httplib only bounds the silence between two reads).
#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/hostile/support/hostile_server.hpp"
#include "tests/hostile/support/raw_http.hpp"

namespace hostile {
namespace {
using std::chrono::milliseconds;
using tests::support::TestServer;

std::chrono::milliseconds since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start);
}

TEST(SlowClients, HeadersTricklingInAreCutOffWith408WhileOthersAreServed) {
  TestServer server(hostile_config());  // 1 s read time-out, 2 s per request
  OrdinaryClients ordinary(server, 2);
  RawConnection slow(server.port());
  const std::string head = "GET /v1/assistants HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + std::string(200, 'a');
  const auto started = std::chrono::steady_clock::now();
  // Each byte well within the read time-out: only the request deadline can stop this.
  slow.trickle(head, 1, 200ms, 8s);
  const RawResponse answer = slow.read_response(3s);
  const milliseconds took = since(started);

  EXPECT_EQ(answer.status, 408) << answer.describe();
  EXPECT_TRUE(answer.is_error_envelope()) << answer.describe();
  EXPECT_EQ(answer.error_code(), "request_timeout");
  EXPECT_GE(took, 1800ms) << "cut off before the 2 s request deadline";
  EXPECT_LT(took, 4000ms) << "the 2 s request deadline did not hold";
  EXPECT_TRUE(slow.closed_by_server(2s));
  ordinary.expect_all_served();
}

TEST(SlowClients, ABodyTricklingInIsCutOffWith408AndNothingIsCreated) {
  TestServer server(hostile_config());
  OrdinaryClients ordinary(server, 2);
  RawConnection slow(server.port());
  const std::string body = R"({"model":"gpt-4o","name":")" + std::string(150, 'x') + R"("})";
  ASSERT_TRUE(slow.send(http_request("POST", "/v1/assistants", api_headers(), body).substr(0, 200)));
  const auto started = std::chrono::steady_clock::now();
  slow.trickle(http_request("POST", "/v1/assistants", api_headers(), body).substr(200), 1, 200ms, 8s);
  const RawResponse answer = slow.read_response(3s);

  EXPECT_EQ(answer.status, 408) << answer.describe();
  EXPECT_EQ(answer.error_code(), "request_timeout") << answer.describe();
  EXPECT_LT(since(started), 4000ms);
  ordinary.expect_all_served();
  tests::support::ApiClient client = server.client();
  EXPECT_EQ(client.get("/v1/assistants").json["data"].size(), 0U) << "the half-sent assistant was created";
}

TEST(SlowClients, ASilentConnectionIsClosedAfterTheKeepAliveTimeOut) {
  TestServer server(hostile_config());  // 2 s keep-alive time-out
  RawConnection silent(server.port());
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(silent.closed_by_server(5s)) << "a connection that never speaks is never closed";
  EXPECT_LT(since(started), 3500ms);
  expect_served_promptly(server);
}

// More slow clients than the server has connections: the ones past the bound are told 503 at
// once, the others 408 at their deadline, and the server serves ordinary clients again as
// soon as they are gone. No client waits unanswered.
TEST(SlowClients, MoreSlowClientsThanConnectionsAllGetAnAnswerAndTheServerRecovers) {
  mock::MockServerConfig config = hostile_config();
  config.http.threads = 4;
  TestServer server(config);
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 8; ++i) {
    slow.push_back(std::make_unique<RawConnection>(server.port()));
    ASSERT_TRUE(slow.back()->send("GET /v1/assistants HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a"));
  }
  const auto started = std::chrono::steady_clock::now();
  std::vector<int> statuses;
  for (auto& connection : slow) {
    const RawResponse answer = connection->read_response(5s);
    EXPECT_TRUE(answer.is_error_envelope()) << answer.describe();
    statuses.push_back(answer.status);
  }
  EXPECT_LT(since(started), 4500ms) << "some slow client was held past every deadline";
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 408), 4) << "the four admitted ones time out";
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 503), 4) << "the four past the bound are turned away";
  expect_served_promptly(server);
}

// With the default capacity, 64 clients trickling their headers hold 64 connections and no
// more: everyone else is answered 200 at once (before the front started threads on demand,
// 64 slow clients took all 64 workers and everyone else got 503), and each slow one gets its
// 408 at the request deadline.
TEST(SlowClients, SixtyFourSlowClientsDoNotLockOthersOutWithTheDefaultCapacity) {
  mock::MockServerConfig config = hostile_config();
  config.http.threads = mock::http::HttpServerConfig{}.threads;
  TestServer server(config);
  const std::string head = "GET /v1/assistants HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + std::string(200, 'a');
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 64; ++i) slow.push_back(std::make_unique<RawConnection>(server.port()));
  OrdinaryClients ordinary(server, 2);
  // One byte to each, every 200 ms: well within the 1 s read time-out, so only the 2 s
  // request deadline ends them.
  const auto started = std::chrono::steady_clock::now();
  for (std::size_t at = 0; at < head.size() && since(started) < 2500ms; ++at) {
    for (auto& connection : slow) (void)connection->send(head.substr(at, 1));
    std::this_thread::sleep_for(200ms);
  }
  ordinary.expect_all_served();
  for (auto& connection : slow) {
    const RawResponse answer = connection->read_response(3s);
    EXPECT_EQ(answer.status, 408) << answer.describe();
    EXPECT_EQ(answer.error_code(), "request_timeout") << answer.describe();
  }
  expect_served_promptly(server);
}

}  // namespace
}  // namespace hostile
