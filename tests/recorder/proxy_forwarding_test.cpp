// The recorder forwards any method, path, query, headers and body, returns the upstream's
// answer unchanged, and turns upstream failures into OpenAI-style 502/504 errors.
#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "cassettes/cassette_file.hpp"
#include "tests/recorder/support/fake_upstream.hpp"
#include "recorder/curl_upstream.hpp"
#include "tests/recorder/support/harness.hpp"

namespace recorder_tests {
namespace {
using mock::http::ApiRequest;
using mock::http::ApiResponse;

// Answers with what it received, as JSON, plus a header and a status chosen by the request.
ApiResponse echo(const ApiRequest& request) {
  Json headers = Json::object();
  for (const auto& [name, value] : request.headers) headers[cassettes::to_lower(name)] = value;
  Json query = Json::array();
  for (const auto& [name, value] : request.query) query.push_back(Json::array({name, value}));
  ApiResponse response = ApiResponse::json(
      Json{{"method", request.method}, {"path", request.path}, {"query", query}, {"headers", headers},
           {"body_size", request.body.size()}, {"body", request.body}},
      std::stoi(request.header("x-want-status").value_or("200")));
  response.headers.emplace("x-upstream", "fake");
  response.headers.emplace("set-cookie", "session=server-secret-cookie");
  return response;
}

TEST(Forwarding, EveryMethodPathQueryHeaderAndBodyReachesTheUpstream) {
  TempDir dir;
  FakeUpstream upstream([](ApiRequest& request) { return echo(request); });
  auto recorder = started<recorder::RecordServer>(record_config(upstream.base_url(), dir / "c.json"));
  const int port = port_of(recorder->base_url());
  for (const std::string method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
    // cpp-httplib reads no body on a GET, so none is sent there.
    const std::optional<Json> body = method == "GET" ? std::nullopt : std::optional<Json>(Json{{"m", method}});
    const Reply reply = send(port, method, "/v1/any/where%20else?b=2&a=x%26y&a=z", body,
                             {{"X-Custom", "kept"}, {"X-Want-Status", "201"}, {"Connection", "keep-alive"}});
    ASSERT_EQ(reply.status, 201) << method << ": " << reply.body;
    EXPECT_EQ(reply.header("x-upstream"), "fake") << "response headers come back";
    EXPECT_EQ(reply.json["method"], method);
    EXPECT_EQ(reply.json["path"], "/v1/any/where else");
    EXPECT_EQ(reply.json["query"], Json::parse(R"([["a","x&y"],["a","z"],["b","2"]])"));
    const Json& headers = reply.json["headers"];
    EXPECT_EQ(headers.value("x-custom", ""), "kept");
    EXPECT_EQ(headers.value("authorization", ""), std::string("Bearer ") + k_secret_key) << "upstream gets the key";
    EXPECT_FALSE(headers.contains("remote_addr")) << "httplib's bookkeeping is not forwarded";
    EXPECT_EQ(reply.json["body"], body ? body->dump() : "");
  }
  recorder->stop();
  ASSERT_TRUE(recorder->finish().has_value());
  auto loaded = cassettes::load_cassette(dir / "c.json");
  ASSERT_TRUE(loaded.has_value());
  ASSERT_EQ(loaded->cassette.interactions.size(), 5U);
  const cassettes::Interaction& first = loaded->cassette.interactions[0];
  EXPECT_EQ(first.response.status, 201);
  EXPECT_EQ(cassettes::find_header(first.response.headers, "set-cookie").value_or(""), "[REDACTED]");
  EXPECT_EQ(cassettes::find_header(first.request.headers, "x-custom").value_or(""), "kept");
  EXPECT_FALSE(cassettes::find_header(first.request.headers, "connection").has_value());
  EXPECT_FALSE(cassettes::find_header(first.request.headers, "host").has_value());
}

TEST(Forwarding, NonJsonAndBinaryAnswersComeBackByteForByte) {
  TempDir dir;
  const std::string binary("\x89PNG\r\n\x1a\n\x00\x01\xff", 11);
  FakeUpstream upstream([&binary](ApiRequest& request) {
    ApiResponse response;
    if (request.path == "/binary") {
      response.content_type = "image/png";
      response.body = binary;
    } else {
      response.content_type = "text/plain; charset=utf-8";
      response.body = "plain words\n";
    }
    return response;
  });
  auto recorder = started<recorder::RecordServer>(record_config(upstream.base_url(), dir / "c.json"));
  const int port = port_of(recorder->base_url());
  const Reply image = send(port, "GET", "/binary");
  EXPECT_EQ(image.body, binary);
  EXPECT_EQ(image.header("content-type"), "image/png");
  EXPECT_EQ(send(port, "GET", "/text").body, "plain words\n");
  recorder->stop();
  ASSERT_TRUE(recorder->finish().has_value());
  upstream.stop();

  auto replay = started<recorder::ReplayServer>(replay_config(dir / "c.json"));
  const Reply replayed = send(port_of(replay->base_url()), "GET", "/binary");
  EXPECT_EQ(replayed.body, binary);
  EXPECT_EQ(replayed.header("content-type"), "image/png");
  EXPECT_EQ(send(port_of(replay->base_url()), "GET", "/text").header("content-type"), "text/plain; charset=utf-8");
}

TEST(Forwarding, AnUnreachableUpstreamIsA502InTheErrorEnvelope) {
  TempDir dir;
  std::string dead_url;
  {
    FakeUpstream gone([](ApiRequest&) { return ApiResponse{}; });
    dead_url = gone.base_url();
  }  // nothing listens there any more
  auto recorder = started<recorder::RecordServer>(record_config(dead_url, dir / "c.json"));
  const Reply reply = send(port_of(recorder->base_url()), "GET", "/v1/assistants");
  EXPECT_EQ(reply.status, 502);
  EXPECT_EQ(reply.json["error"]["type"], "server_error");
  EXPECT_EQ(reply.json["error"]["code"], "upstream_unreachable");
  const std::string message = reply.json["error"].value("message", "");
  EXPECT_NE(message.find(dead_url), std::string::npos) << message;
  EXPECT_EQ(message.find(k_secret_key), std::string::npos);
  EXPECT_EQ(recorder->recorded(), 0U) << "a failure is not an answer: nothing recorded";
  EXPECT_FALSE(std::filesystem::exists(dir / "c.json"));
}

TEST(Forwarding, ASlowUpstreamIsA504) {
  TempDir dir;
  std::atomic<bool> release{false};
  FakeUpstream slow([&release](ApiRequest&) {
    for (int i = 0; i < 500 && !release; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return ApiResponse::json(Json::object());
  });
  auto config = record_config(slow.base_url(), dir / "c.json");
  config.timeout_ms = 300;
  auto recorder = started<recorder::RecordServer>(config);
  const Reply reply = send(port_of(recorder->base_url()), "GET", "/v1/assistants");
  release = true;
  EXPECT_EQ(reply.status, 504);
  EXPECT_EQ(reply.json["error"]["code"], "upstream_timeout");
}

TEST(Forwarding, BadConfigurationIsRefusedNamingTheValue) {
  TempDir dir;
  auto bad_url = recorder::RecordServer::create(record_config("ftp://example.com", dir / "c.json"));
  ASSERT_FALSE(bad_url.has_value());
  EXPECT_NE(bad_url.error().find("invalid upstream URL 'ftp://example.com'"), std::string::npos) << bad_url.error();
  auto config = record_config("http://127.0.0.1:1", dir / "c.json");
  config.match_on = "method,flavour";
  auto bad_matcher = recorder::RecordServer::create(config);
  ASSERT_FALSE(bad_matcher.has_value());
  EXPECT_NE(bad_matcher.error().find("unknown matcher 'flavour'"), std::string::npos);
  EXPECT_EQ(recorder::url_without_credentials("https://user:pw@host:8/x?y=1"), "https://host:8/x");
}

}  // namespace
}  // namespace recorder_tests
