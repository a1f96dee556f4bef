#include "http/httplib_exchange.hpp"

#include <cstddef>
#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace {
using mock::http::ApiResponse;
using mock::http::StreamSink;

TEST(ToApiRequest, KeepsWhatTheClientSentAndDropsHttplibsAddressHeaders) {
  httplib::Request req;
  req.method = "POST";
  req.path = "/v1/threads";
  req.params.emplace("limit", "2");
  req.headers.emplace("Authorization", "Bearer sk-x");
  req.headers.emplace("X-Twice", "1");
  req.headers.emplace("X-Twice", "2");
  for (const char* pseudo : {"REMOTE_ADDR", "REMOTE_PORT", "LOCAL_ADDR", "LOCAL_PORT"}) {
    req.headers.emplace(pseudo, "127.0.0.1");
  }
  req.body = R"({"a":1})";

  const mock::http::ApiRequest request = mock::http::to_api_request(req);
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/v1/threads");
  ASSERT_EQ(request.query.size(), 1U);
  EXPECT_EQ(request.query[0], (std::pair<std::string, std::string>{"limit", "2"}));
  EXPECT_EQ(request.header("authorization"), "Bearer sk-x");
  EXPECT_EQ(request.headers.count("x-twice"), 2U);
  EXPECT_EQ(request.headers.size(), 3U);  // no pseudo-header
  EXPECT_EQ(request.body, R"({"a":1})");
}

TEST(WriteResponse, SerialisesAPendingJsonAnswerWithItsHeaders) {
  ApiResponse response = ApiResponse::json(mock::Json{{"id", "asst_1"}}, 201);
  response.headers.emplace("x-request-id", "req_1");
  httplib::Response res;
  mock::http::write_response(response, res);
  EXPECT_EQ(res.status, 201);
  EXPECT_EQ(res.body, R"({"id":"asst_1"})");
  EXPECT_EQ(res.get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(res.get_header_value("x-request-id"), "req_1");
  EXPECT_FALSE(res.content_provider_);
}

TEST(WriteResponse, StreamsGoChunkedAsPlainTextEventStream) {
  ApiResponse response;
  response.content_type = "text/event-stream; charset=utf-8";
  response.stream = [](StreamSink& sink) {
    sink.write("data: 1\n\n");
    sink.write("data: [DONE]\n\n");
  };
  httplib::Response res;
  mock::http::write_response(response, res);
  ASSERT_TRUE(res.content_provider_);
  EXPECT_TRUE(res.is_chunked_content_provider_);
  // Exactly "text/event-stream": httplib would compress any other text/* type.
  EXPECT_EQ(res.get_header_value("Content-Type"), "text/event-stream");

  std::string received;
  bool done = false;
  httplib::DataSink sink;
  sink.write = [&](const char* data, std::size_t size) {
    received.append(data, size);
    return true;
  };
  sink.is_writable = [] { return true; };
  sink.done = [&] { done = true; };
  EXPECT_TRUE(res.content_provider_(0, 0, sink));
  EXPECT_EQ(received, "data: 1\n\ndata: [DONE]\n\n");
  EXPECT_TRUE(done);
}

}  // namespace
