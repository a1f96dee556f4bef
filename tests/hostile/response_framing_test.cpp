// How answers leave the server: a response's head and body in one segment (httplib writes
// them apart, and the client then wakes twice), and never a head held back when the client
// waits for it: 100 Continue, a HEAD answer, the head of a stream.
#include <chrono>
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "tests/hostile/support/hostile_server.hpp"
#include "tests/hostile/support/raw_http.hpp"

namespace hostile {
namespace {
using tests::support::TestServer;

// The declared Content-Length of a head, or -1.
long content_length_of(const std::string& response) {
  const auto at = response.find("Content-Length: ");
  return at == std::string::npos ? -1 : std::strtol(response.c_str() + at + 16, nullptr, 10);
}

TEST(ResponseFraming, HeadAndBodyArriveInOneSegment) {
  TestServer server(hostile_config());
  RawConnection connection(server.port());
  for (int i = 0; i < 3; ++i) {  // on one keep-alive connection, every answer alike
    ASSERT_TRUE(connection.send(http_request("GET", "/v1/assistants", api_headers())));
    const std::string first = connection.read_once(2s);
    const auto head_end = first.find("\r\n\r\n");
    ASSERT_NE(head_end, std::string::npos) << "first segment: " << first;
    EXPECT_TRUE(first.starts_with("HTTP/1.1 200 OK\r\n")) << first;
    const long length = content_length_of(first);
    ASSERT_GT(length, 0) << first;
    EXPECT_EQ(first.size() - head_end - 4, static_cast<std::size_t>(length))
        << "the first recv() should hold the whole answer, head and body: " << first;
  }
}

TEST(ResponseFraming, OneHundredContinueIsSentAtOnce) {
  TestServer server(hostile_config());
  RawConnection connection(server.port());
  const std::string body = R"({"model":"gpt-4o"})";
  std::string head = http_request("POST", "/v1/assistants", api_headers(), body);
  head.resize(head.size() - body.size());
  head.insert(head.size() - 2, "Expect: 100-continue\r\n");
  ASSERT_TRUE(connection.send(head));
  const auto started = std::chrono::steady_clock::now();
  const std::string interim = connection.read_until("\r\n\r\n", 2s);
  EXPECT_TRUE(interim.starts_with("HTTP/1.1 100 Continue\r\n")) << interim;
  EXPECT_LT(std::chrono::steady_clock::now() - started, 900ms);
  ASSERT_TRUE(connection.send(body));
  const RawResponse answer = connection.read_response(2s);
  EXPECT_EQ(answer.status, 200) << answer.describe();
  EXPECT_EQ(answer.json.value("model", ""), "gpt-4o");
}

TEST(ResponseFraming, AHeadAnswerComesWithoutABodyAndTheConnectionGoesOn) {
  TestServer server(hostile_config());
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.send(http_request("HEAD", "/v1/assistants", api_headers())));
  const auto started = std::chrono::steady_clock::now();
  const std::string head = connection.read_until("\r\n\r\n", 2s);
  ASSERT_FALSE(head.empty()) << "no answer to HEAD";
  EXPECT_LT(std::chrono::steady_clock::now() - started, 900ms);
  EXPECT_TRUE(head.ends_with("\r\n\r\n")) << "a HEAD answer has no body: " << head;
  ASSERT_TRUE(connection.send(http_request("GET", "/v1/assistants", api_headers())));
  EXPECT_EQ(connection.read_response(2s).status, 200);
}

TEST(ResponseFraming, AStreamStartsAtOnceWithItsChunkedHead) {
  // Runs that move slowly: the stream's head (never held back, being chunked) still comes at once.
  mock::MockServerConfig config = hostile_config();
  config.run_step_ms = 400;
  TestServer server(config);
  tests::support::ApiClient client = server.client();
  const std::string assistant = client.post("/v1/assistants", mock::Json{{"model", "gpt-4o"}}).json.at("id").get<std::string>();
  const std::string thread = client.post("/v1/threads", mock::Json::object()).json.at("id").get<std::string>();
  RawConnection connection(server.port());
  const std::string body = mock::Json{{"assistant_id", assistant}, {"stream", true}}.dump();
  ASSERT_TRUE(connection.send(http_request("POST", "/v1/threads/" + thread + "/runs", api_headers(), body)));
  const auto started = std::chrono::steady_clock::now();
  const std::string head = connection.read_until("\r\n\r\n", 2s);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 900ms);
  EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\n")) << head;
  EXPECT_NE(head.find("text/event-stream"), std::string::npos) << head;
  EXPECT_NE(head.find("Transfer-Encoding: chunked"), std::string::npos) << head;
}

}  // namespace
}  // namespace hostile
