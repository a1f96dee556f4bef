// Clients that vanish halfway: during an SSE run stream, or in the middle of a file upload.
// The server notices, frees the connection (and the stream's slot) without waiting for a
// time-out, leaves no half-uploaded file behind, and the run itself still completes.
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "mock/scenario/scenario.hpp"
#include "tests/hostile/support/hostile_server.hpp"
#include "tests/hostile/support/raw_http.hpp"
#include "tests/support/api_expect.hpp"
#include "tests/support/wait.hpp"

namespace hostile {
namespace {
using mock::Json;
using tests::support::TestServer;
using tests::support::wait_until;

// Three messages a third of a second apart: a stream that stays open for about a second.
mock::MockServerConfig slow_run_config() {
  mock::MockServerConfig config = hostile_config();
  config.scenario = mock::scenario::parse_scenario(Json::parse(R"({
    "name": "slow",
    "rules": [ { "when": { "message_contains": "slowly" },
                 "then": [ { "message": "one", "delay_ms": 300 }, { "message": "two", "delay_ms": 300 },
                           { "message": "three", "delay_ms": 300 } ] } ] })"));
  return config;
}

TEST(Disconnects, AClientGoneMidStreamFreesItsConnectionAndTheRunStillCompletes) {
  TestServer server(slow_run_config());
  tests::support::ApiClient client = server.client();
  const std::string assistant = tests::support::create_assistant(client);

  RawConnection streaming(server.port());
  const Json body = {{"assistant_id", assistant},
                     {"stream", true},
                     {"thread", {{"messages", Json::array({Json{{"role", "user"}, {"content", "answer slowly"}}})}}}};
  ASSERT_TRUE(streaming.send(http_request("POST", "/v1/threads/runs", api_headers(), body.dump())));
  const std::string first = streaming.read_until("event: thread.run.created", 3s);
  ASSERT_NE(first.find("text/event-stream"), std::string::npos) << first;
  const std::size_t at = first.find("\"thread_id\":\"");
  ASSERT_NE(at, std::string::npos) << first;
  const std::string thread_id = first.substr(at + 13, first.find('"', at + 13) - at - 13);
  ASSERT_EQ(server.server().metrics().open_streams(), 1);
  streaming.abort();

  // Noticed at the next event (a third of a second), not at a time-out.
  EXPECT_TRUE(wait_until([&] { return server.server().metrics().open_streams() == 0; }, 2s))
      << "the stream of a client that left is still open";
  EXPECT_TRUE(wait_until([&] { return server.server().open_connections() == 0; }, 2s))
      << server.server().open_connections() << " connections still open";
  const Json runs = tests::support::get_ok(client, "/v1/threads/" + thread_id + "/runs");
  ASSERT_EQ(runs["data"].size(), 1U) << runs.dump();
  const Json run = tests::support::poll_run(client, thread_id, runs["data"][0]["id"],
                                            [](const Json& r) { return r["status"] == "completed"; }, 5s);
  EXPECT_EQ(run["status"], "completed") << "a client that disconnects does not stop the run";
  expect_served_promptly(server);
}

TEST(Disconnects, AClientGoneMidUploadLeavesNoFileAndNoBusyConnection) {
  TestServer server(hostile_config());
  const std::string boundary = "----hostile-boundary";
  const std::string content(1024 * 1024, 'z');
  const std::string body = "--" + boundary +
                           "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--" + boundary +
                           "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
                           "Content-Type: text/plain\r\n\r\n" +
                           content + "\r\n--" + boundary + "--\r\n";
  auto headers = api_headers();
  headers.back() = {"Content-Type", "multipart/form-data; boundary=" + boundary};
  const std::string request = http_request("POST", "/v1/files", headers, body);

  RawConnection uploading(server.port());
  ASSERT_TRUE(uploading.send(std::string_view(request).substr(0, request.size() / 3)));
  ASSERT_TRUE(wait_until([&] { return server.server().open_connections() == 1; }, 2s));
  uploading.abort();

  // The reset is seen at the next read: well before the 1 s read time-out.
  EXPECT_TRUE(wait_until([&] { return server.server().open_connections() == 0; }, 900ms))
      << "the connection of a client that left is still held";
  tests::support::ApiClient client = server.client();
  const Json files = tests::support::get_ok(client, "/v1/files");
  EXPECT_EQ(files["data"].size(), 0U) << "a half-uploaded file was kept: " << files.dump().substr(0, 300);
  expect_served_promptly(server);

  // And a whole upload on the next connection works.
  RawConnection whole(server.port());
  ASSERT_TRUE(whole.send(request));
  const RawResponse answer = whole.read_response(5s);
  EXPECT_EQ(answer.status, 200) << answer.describe();
  EXPECT_EQ(answer.json.value("bytes", 0), static_cast<int>(content.size()));
}

}  // namespace
}  // namespace hostile
