// Requests too large to take, answered in the error envelope at once instead of after a
// time-out, and without the server buffering what it will refuse: a Content-Length of a
// terabyte, bodies over the limit (declared or chunked), header floods, 10,000 parameters,
// framings a proxy could read differently (request smuggling).
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "tests/hostile/support/hostile_server.hpp"
#include "tests/hostile/support/raw_http.hpp"

namespace hostile {
namespace {
using tests::support::TestServer;

mock::MockServerConfig small_body_config() {
  mock::MockServerConfig config = hostile_config();
  config.http.max_body_bytes = 64 * 1024;
  return config;
}

RawResponse round_trip(const TestServer& server, const std::string& request) {
  RawConnection connection(server.port());
  connection.send(request);  // the server may stop reading early: what it answers counts
  return connection.read_response(3s);
}

TEST(Oversize, ATerabyteContentLengthIs413AtOnceAndTheConnectionCloses) {
  TestServer server(hostile_config());
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.send("POST /v1/assistants HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sk-test\r\n"
                              "OpenAI-Beta: assistants=v2\r\nContent-Type: application/json\r\n"
                              "Content-Length: 1099511627776\r\n\r\n{\"model\":"));
  const RawResponse answer = connection.read_response(3s);
  EXPECT_EQ(answer.status, 413) << answer.describe();
  EXPECT_EQ(answer.error_code(), "request_too_large") << answer.describe();
  EXPECT_LT(answer.elapsed, 900ms) << "the server waited for a body it would refuse";
  EXPECT_EQ(answer.header("connection"), "close");
  EXPECT_TRUE(connection.closed_by_server(2s));
  expect_served_promptly(server);
}

TEST(Oversize, ContentLengthsThatAreNotOneNumberAre400) {
  TestServer server(hostile_config());
  for (const std::string& length : {std::string("-1"), std::string("12abc"), std::string("0x10"),
                                    std::string("99999999999999999999999")}) {
    auto headers = api_headers();
    headers.emplace_back("Content-Length", length);
    const RawResponse answer = round_trip(server, http_request("GET", "/v1/assistants", headers) + "{}");
    EXPECT_TRUE(answer.status == 400 || answer.status == 413) << length << ": " << answer.describe();
    EXPECT_TRUE(answer.is_error_envelope()) << length << ": " << answer.describe();
    EXPECT_LT(answer.elapsed, 900ms) << length;
  }
  expect_served_promptly(server);
}

TEST(Oversize, FramingsAProxyCouldReadDifferentlyAre400) {
  TestServer server(hostile_config());
  const std::string body = R"({"model":"gpt-4o"})";
  const std::string head = "POST /v1/assistants HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sk-test\r\n"
                           "OpenAI-Beta: assistants=v2\r\nContent-Type: application/json\r\n";
  const RawResponse two_lengths =
      round_trip(server, head + "Content-Length: 18\r\nContent-Length: 5\r\n\r\n" + body);
  EXPECT_EQ(two_lengths.status, 400) << two_lengths.describe();
  EXPECT_EQ(two_lengths.json["error"]["message"], "Conflicting Content-Length headers.");

  const RawResponse both = round_trip(
      server, head + "Content-Length: 23\r\nTransfer-Encoding: chunked\r\n\r\n12\r\n" + body + "\r\n0\r\n\r\n");
  EXPECT_EQ(both.status, 400) << both.describe();
  EXPECT_TRUE(both.is_error_envelope()) << both.describe();

  const RawResponse odd_encoding = round_trip(server, head + "Transfer-Encoding: gzip\r\n\r\n" + body);
  EXPECT_EQ(odd_encoding.status, 400) << odd_encoding.describe();
  EXPECT_TRUE(odd_encoding.is_error_envelope()) << odd_encoding.describe();

  tests::support::ApiClient client = server.client();
  EXPECT_EQ(client.get("/v1/assistants").json["data"].size(), 0U) << "a smuggled request created something";
}

// No Content-Length and no Transfer-Encoding: no body (RFC 9112 6.3). httplib read such a POST
// until the client gave up, and answered 400 after the read time-out.
TEST(Oversize, APostThatDeclaresNoBodyIsAnsweredAtOnce) {
  TestServer server(hostile_config());
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.send("POST /v1/threads HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sk-test\r\n"
                              "OpenAI-Beta: assistants=v2\r\n\r\n"));
  const RawResponse answer = connection.read_response(3s);
  EXPECT_EQ(answer.status, 200) << answer.describe();
  EXPECT_EQ(answer.json.value("object", ""), "thread") << answer.describe();
  EXPECT_LT(answer.elapsed, 900ms);
}

TEST(Oversize, ABodyOverTheLimitIs413BeforeItIsRead) {
  TestServer server(small_body_config());  // 64 KiB
  RawConnection connection(server.port());
  const std::string body = R"({"model":"gpt-4o","name":")" + std::string(1024 * 1024, 'x') + R"("})";
  const std::string request = http_request("POST", "/v1/assistants", api_headers(), body);
  ASSERT_TRUE(connection.send(request.substr(0, request.find("\r\n\r\n") + 4)));
  const RawResponse answer = connection.read_response(3s);
  EXPECT_EQ(answer.status, 413) << answer.describe();
  EXPECT_EQ(answer.error_code(), "request_too_large");
  EXPECT_LT(answer.elapsed, 900ms);
  expect_served_promptly(server);
}

TEST(Oversize, AChunkedBodyOverTheLimitIs413) {
  TestServer server(small_body_config());
  RawConnection connection(server.port());
  std::string request = "POST /v1/assistants HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sk-test\r\n"
                        "OpenAI-Beta: assistants=v2\r\nContent-Type: application/json\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n";
  const std::string chunk(16 * 1024, 'x');
  for (int i = 0; i < 16; ++i) request += "4000\r\n" + chunk + "\r\n";  // 256 KiB in all
  request += "0\r\n\r\n";
  connection.send(request);
  const RawResponse answer = connection.read_response(3s);
  EXPECT_EQ(answer.status, 413) << answer.describe();
  EXPECT_EQ(answer.error_code(), "request_too_large") << answer.describe();
  expect_served_promptly(server);
}

TEST(Oversize, TenThousandHeadersAre431) {
  TestServer server(hostile_config());
  OrdinaryClients ordinary(server, 2);
  std::string request = "GET /v1/assistants HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (int i = 0; i < 10'000; ++i) request += "X-Flood-" + std::to_string(i) + ": v\r\n";
  const RawResponse answer = round_trip(server, request + "\r\n");
  EXPECT_EQ(answer.status, 431) << answer.describe();
  EXPECT_EQ(answer.error_code(), "request_header_fields_too_large") << answer.describe();
  ordinary.expect_all_served();
}

TEST(Oversize, AOneMegabyteHeaderLineIs431) {
  TestServer server(hostile_config());
  const std::string request = "GET /v1/assistants HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " +
                              std::string(1024 * 1024, 'a') + "\r\n\r\n";
  const RawResponse answer = round_trip(server, request);
  EXPECT_EQ(answer.status, 431) << answer.describe();
  EXPECT_TRUE(answer.is_error_envelope()) << answer.describe();
  expect_served_promptly(server);
}

TEST(Oversize, AOneMegabyteRequestLineIs414) {
  TestServer server(hostile_config());
  const RawResponse answer =
      round_trip(server, "GET /v1/assistants?q=" + std::string(1024 * 1024, 'a') + " HTTP/1.1\r\n\r\n");
  EXPECT_EQ(answer.status, 414) << answer.describe();
  EXPECT_TRUE(answer.is_error_envelope()) << answer.describe();
  expect_served_promptly(server);
}

TEST(Oversize, TenThousandQueryParametersAre414) {
  TestServer server(hostile_config());
  std::string target = "/v1/assistants?limit=1";
  for (int i = 0; i < 10'000; ++i) target += "&a=1";
  const RawResponse answer = round_trip(server, http_request("GET", target, api_headers()));
  EXPECT_EQ(answer.status, 414) << answer.describe();
  EXPECT_EQ(answer.json["error"]["message"], "Request URI too long.");
  expect_served_promptly(server);
}

TEST(Oversize, TenThousandFormParametersAreRefusedInTheEnvelope) {
  TestServer server(hostile_config());
  std::string body = "limit=1";
  for (int i = 0; i < 10'000; ++i) body += "&a=1";
  auto headers = api_headers();
  headers.back() = {"Content-Type", "application/x-www-form-urlencoded"};
  const RawResponse answer = round_trip(server, http_request("POST", "/v1/assistants", headers, body));
  EXPECT_GE(answer.status, 400) << answer.describe();
  EXPECT_LT(answer.status, 500) << answer.describe();
  EXPECT_TRUE(answer.is_error_envelope()) << answer.describe();
  expect_served_promptly(server);
}

}  // namespace
}  // namespace hostile
