#include "http/api_message.hpp"

#include <stdexcept>
#include <utility>

#include <gtest/gtest.h>

#include "http/api_error.hpp"

namespace {
using mock::Json;
using mock::http::ApiRequest;
using mock::http::ApiResponse;
using mock::http::CaseInsensitiveLess;

TEST(CaseInsensitiveLess, IgnoresCase) {
  const CaseInsensitiveLess less;
  EXPECT_FALSE(less("Content-Type", "content-type"));
  EXPECT_FALSE(less("content-type", "CONTENT-TYPE"));
  EXPECT_TRUE(less("a", "B"));
  EXPECT_TRUE(less("A", "b"));
  EXPECT_FALSE(less("b", "A"));
  EXPECT_TRUE(less("abc", "abcd"));
}

TEST(HeaderNamesEqual, IgnoresAsciiCaseOnly) {
  using mock::http::header_names_equal;
  EXPECT_TRUE(header_names_equal("Content-Length", "content-length"));
  EXPECT_TRUE(header_names_equal("TRANSFER-ENCODING", "Transfer-Encoding"));
  EXPECT_FALSE(header_names_equal("Content-Length", "Content-Lengt"));
  EXPECT_FALSE(header_names_equal("Content-Length", "Content_Length"));
  // '[' is 'Z' + 1 and '{' is 'z' + 1: only letters fold.
  EXPECT_FALSE(header_names_equal("a[", "A{"));
  EXPECT_FALSE(header_names_equal("\xc3\x89", "\xc3\xa9"));  // not ASCII: compared as they are
  // Both agree with the ordering the Headers map uses.
  const CaseInsensitiveLess less;
  for (const auto& [a, b] : {std::pair{"X-Api", "x-API"}, std::pair{"a", "b"}, std::pair{"ab", "a"}}) {
    EXPECT_EQ(header_names_equal(a, b), !less(a, b) && !less(b, a)) << a << " " << b;
  }
}

TEST(ApiRequest, HeaderLookupIsCaseInsensitive) {
  ApiRequest request;
  request.headers.emplace("Authorization", "Bearer x");
  EXPECT_EQ(request.header("authorization"), "Bearer x");
  EXPECT_EQ(request.header("AUTHORIZATION"), "Bearer x");
  EXPECT_FALSE(request.header("OpenAI-Beta").has_value());
}

TEST(ApiRequest, QueryValueIsTheFirstOfRepeats) {
  ApiRequest request;
  request.query = {{"limit", "5"}, {"order", "asc"}, {"limit", "7"}};
  EXPECT_EQ(request.query_value("limit"), "5");
  EXPECT_EQ(request.query_value("order"), "asc");
  EXPECT_FALSE(request.query_value("after").has_value());
  EXPECT_FALSE(request.query_value("LIMIT").has_value());  // query names are case-sensitive
}

TEST(ApiRequest, PathParamReturnsCapturedSegment) {
  ApiRequest request;
  request.path_params.emplace("thread_id", "thread_abc");
  EXPECT_EQ(request.path_param("thread_id"), "thread_abc");
}

TEST(ApiRequest, MissingPathParamIsAProgrammingError) {
  const ApiRequest request;
  EXPECT_THROW(request.path_param("run_id"), std::logic_error);
}

TEST(ApiRequest, JsonBodyIsParsedOnceAndKept) {
  ApiRequest request;
  request.body = R"({"model":"gpt-4o","metadata":{"k":"v"}})";
  const Json& first = request.json_body();
  EXPECT_EQ(first["metadata"]["k"], "v");
  // The same parse, not a second one: a change to the raw body is not seen again.
  request.body = "{}";
  EXPECT_EQ(&request.json_body(), &first);
  EXPECT_EQ(request.json_body()["model"], "gpt-4o");
}

TEST(ApiRequest, JsonBodyOfNothingIsAnEmptyObjectAndABadBodyThrowsEveryTime) {
  ApiRequest empty;
  EXPECT_EQ(empty.json_body(), Json::object());
  ApiRequest bad;
  bad.body = "{not json";
  for (int i = 0; i < 2; ++i) {
    try {
      bad.json_body();
      ADD_FAILURE() << "a bad body parsed";
    } catch (const mock::http::ApiError& error) {
      EXPECT_EQ(error.status(), 400);
    }
  }
  ApiRequest list;
  list.body = "[1,2]";
  EXPECT_THROW(list.json_body(), mock::http::ApiError);
}

TEST(ApiResponse, JsonIsSerialisedByFinalizeWithStatusAndContentType) {
  const Json body = Json{{"b", 1}, {"a", "x"}};
  ApiResponse ok = ApiResponse::json(body);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.content_type, "application/json");
  EXPECT_TRUE(ok.body.empty());  // kept as JSON until finalize()
  ASSERT_TRUE(ok.pending_json.has_value());
  ok.finalize();
  EXPECT_EQ(ok.body, R"({"b":1,"a":"x"})");  // insertion order kept
  EXPECT_FALSE(ok.pending_json.has_value());
  ok.finalize();  // idempotent
  EXPECT_EQ(ok.body, R"({"b":1,"a":"x"})");
  EXPECT_TRUE(ok.headers.empty());
  EXPECT_EQ(ApiResponse::json(body, 201).status, 201);
}

TEST(ApiResponse, FinalizeWithoutJsonKeepsTheBody) {
  ApiResponse plain;
  plain.body = "text";
  plain.finalize();
  EXPECT_EQ(plain.body, "text");
}

TEST(ApiResponse, FinalizeReplacesInvalidUtf8InsteadOfThrowing) {
  ApiResponse response = ApiResponse::json(Json{{"v", std::string("a\xFF" "b")}});
  EXPECT_NO_THROW(response.finalize());
  EXPECT_EQ(Json::parse(response.body)["v"], "a\xEF\xBF\xBD" "b");
}

}  // namespace
