#include "http/api_error.hpp"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {
using mock::Json;
using mock::http::ApiError;
namespace errors = mock::http::errors;

std::vector<std::string> keys_of(const Json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.push_back(key);
  return keys;
}

TEST(ApiError, EnvelopeHasExactlyMessageTypeParamCodeInThatOrder) {
  const ApiError error(400, "Bad thing.", "invalid_request_error", "name", "invalid_type");
  const Json envelope = error.envelope();
  ASSERT_EQ(keys_of(envelope), std::vector<std::string>{"error"});
  const Json& body = envelope["error"];
  EXPECT_EQ(keys_of(body), (std::vector<std::string>{"message", "type", "param", "code"}));
  EXPECT_EQ(body["message"], "Bad thing.");
  EXPECT_EQ(body["type"], "invalid_request_error");
  EXPECT_EQ(body["param"], "name");
  EXPECT_EQ(body["code"], "invalid_type");
}

TEST(ApiError, AbsentParamAndCodeAreNullNotMissing) {
  const ApiError error(404, "Nope.");
  const Json body = error.envelope()["error"];
  EXPECT_EQ(keys_of(body), (std::vector<std::string>{"message", "type", "param", "code"}));
  EXPECT_EQ(body["type"], "invalid_request_error");  // the default type
  EXPECT_TRUE(body["param"].is_null());
  EXPECT_TRUE(body["code"].is_null());
}

TEST(ApiError, AccessorsAndWhat) {
  const ApiError error(429, "Slow down.", "requests", std::nullopt, "rate_limit_exceeded");
  EXPECT_EQ(error.status(), 429);
  EXPECT_STREQ(error.what(), "Slow down.");
  EXPECT_EQ(error.type(), "requests");
  EXPECT_FALSE(error.param().has_value());
  EXPECT_EQ(error.code(), "rate_limit_exceeded");
}

TEST(ApiError, ToResponseCarriesStatusJsonBodyAndExtraHeaders) {
  ApiError error(409, "Conflict.", "invalid_request_error", "p", std::nullopt);
  error.headers.emplace("x-should-retry", "false");
  auto response = error.to_response();
  response.finalize();
  EXPECT_EQ(response.status, 409);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(Json::parse(response.body), error.envelope());
  const auto it = response.headers.find("X-Should-Retry");
  ASSERT_NE(it, response.headers.end());
  EXPECT_EQ(it->second, "false");
}

TEST(ApiError, MessagesWithQuotesAndUnicodeSurviveTheBody) {
  const ApiError error(400, "Invalid 'x': \"q\" \xE2\x9C\x93 \n done");
  auto response = error.to_response();
  response.finalize();
  EXPECT_EQ(Json::parse(response.body)["error"]["message"],
            "Invalid 'x': \"q\" \xE2\x9C\x93 \n done");
}

TEST(ApiErrorFactories, InvalidRequestIs400) {
  const ApiError error = errors::invalid_request("Bad.", "limit", "invalid_value");
  EXPECT_EQ(error.status(), 400);
  EXPECT_EQ(error.type(), "invalid_request_error");
  EXPECT_EQ(error.param(), "limit");
  EXPECT_EQ(error.code(), "invalid_value");
}

TEST(ApiErrorFactories, NotFoundUsesTheServiceWording) {
  const ApiError error = errors::not_found("assistant", "asst_abc");
  EXPECT_EQ(error.status(), 404);
  EXPECT_STREQ(error.what(), "No assistant found with id 'asst_abc'.");
  EXPECT_EQ(error.type(), "invalid_request_error");
  EXPECT_FALSE(error.param().has_value());
  EXPECT_FALSE(error.code().has_value());
}

TEST(ApiErrorFactories, InvalidUrlAndMethodNotAllowed) {
  const ApiError url = errors::invalid_url("GET", "/x");
  EXPECT_EQ(url.status(), 404);
  EXPECT_STREQ(url.what(), "Invalid URL (GET /x)");
  const ApiError method = errors::method_not_allowed("PUT", "/v1/assistants");
  EXPECT_EQ(method.status(), 405);
  EXPECT_STREQ(method.what(), "Method not allowed (PUT /v1/assistants)");
}

TEST(ApiErrorFactories, UnparseableJsonUsesTheServiceWording) {
  const ApiError error = errors::unparseable_json();
  EXPECT_EQ(error.status(), 400);
  EXPECT_THAT(error.what(),
              ::testing::StartsWith("We could not parse the JSON body of your request. (HINT: "
                                    "This likely means you aren't using your HTTP library "
                                    "correctly."));
  EXPECT_FALSE(error.param().has_value());
  EXPECT_FALSE(error.code().has_value());
}

TEST(ApiErrorFactories, WrongIdPrefixUsesTheServiceWording) {
  const ApiError error = errors::wrong_id_prefix("thread_id", "undefined", "thread");
  EXPECT_EQ(error.status(), 400);
  EXPECT_STREQ(error.what(),
               "Invalid 'thread_id': 'undefined'. Expected an ID that begins with 'thread'.");
  EXPECT_EQ(error.param(), "thread_id");
}

TEST(ApiErrorFactories, InternalIs500ServerError) {
  const ApiError error = errors::internal("boom");
  EXPECT_EQ(error.status(), 500);
  EXPECT_EQ(error.type(), "server_error");
  EXPECT_THAT(error.what(), ::testing::HasSubstr("boom"));
}

}  // namespace
