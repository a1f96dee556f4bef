// Verification patterns (POST /__admin/requests/count): each kind of field on its own and
// together, and a bad pattern refused with the field named.
#include "observe/request_pattern.hpp"

#include <gtest/gtest.h>

#include "http/api_error.hpp"
#include "observe/journal.hpp"

namespace mock::observe {
namespace {

JournalEntry entry(std::string method, std::string path, Json body = nullptr, int status = 200,
                   std::vector<std::pair<std::string, std::string>> query = {}) {
  JournalEntry out;
  out.method = std::move(method);
  out.path = std::move(path);
  out.body = std::move(body);
  out.status = status;
  out.query = std::move(query);
  return out;
}

bool matches(const Json& pattern, const JournalEntry& e) { return RequestPattern::parse(pattern).matches(e); }

TEST(RequestPattern, MethodAndPathGlob) {
  const JournalEntry poll = entry("GET", "/v1/threads/thread_a/runs/run_b");
  EXPECT_TRUE(matches({{"method", "GET"}}, poll));
  EXPECT_FALSE(matches({{"method", "POST"}}, poll));
  EXPECT_TRUE(matches({{"path", "/v1/threads/*/runs/*"}}, poll));
  EXPECT_FALSE(matches({{"path", "/v1/threads/*/runs"}}, poll)) << "* stays within a segment";
  EXPECT_TRUE(matches({{"path", "/v1/**"}}, poll));
}

TEST(RequestPattern, PathRegexIsAFullMatch) {
  const JournalEntry poll = entry("GET", "/v1/threads/thread_a/runs/run_b");
  EXPECT_TRUE(matches({{"path_regex", "/v1/threads/thread_[a-z]+/runs/run_\\w+"}}, poll));
  EXPECT_FALSE(matches({{"path_regex", "/v1/threads"}}, poll));
}

TEST(RequestPattern, QueryParametersMustAllBePresentWithTheirValues) {
  const JournalEntry list = entry("GET", "/v1/assistants", nullptr, 200, {{"limit", "2"}, {"order", "asc"}});
  EXPECT_TRUE(matches({{"query", {{"limit", "2"}}}}, list));
  EXPECT_TRUE(matches({{"query", {{"limit", "2"}, {"order", "asc"}}}}, list));
  EXPECT_FALSE(matches({{"query", {{"limit", "3"}}}}, list));
  EXPECT_FALSE(matches({{"query", {{"after", "x"}}}}, list));
}

TEST(RequestPattern, BodyIsAPartialJsonMatch) {
  const Json body = {{"tool_outputs", Json::array({{{"tool_call_id", "call_1"}, {"output", "22C"}},
                                                    {{"tool_call_id", "call_2"}, {"output", "9C"}}})},
                     {"stream", false}};
  const JournalEntry submit = entry("POST", "/v1/threads/t/runs/r/submit_tool_outputs", body);
  EXPECT_TRUE(matches({{"body", {{"stream", false}}}}, submit));
  EXPECT_TRUE(matches({{"body", {{"tool_outputs", Json::array({{{"tool_call_id", "call_1"}}})}}}}, submit))
      << "an array in the pattern matches element by element; the request may have more";
  EXPECT_FALSE(matches({{"body", {{"tool_outputs", Json::array({{{"tool_call_id", "call_2"}}})}}}}, submit))
      << "elements are compared by position";
  EXPECT_FALSE(matches({{"body", {{"stream", true}}}}, submit));
  EXPECT_FALSE(matches({{"body", {{"missing", 1}}}}, submit));
  EXPECT_FALSE(matches({{"body", {{"stream", false}}}}, entry("POST", "/x"))) << "no body, no match";
}

TEST(RequestPattern, StatusAndEveryFieldTogether) {
  const JournalEntry created = entry("POST", "/v1/threads", {{"metadata", {{"user", "u1"}}}}, 200);
  EXPECT_TRUE(matches({{"status", 200}}, created));
  EXPECT_FALSE(matches({{"status", 400}}, created));
  EXPECT_TRUE(matches({{"method", "POST"}, {"path", "/v1/threads"}, {"status", 200},
                       {"body", {{"metadata", {{"user", "u1"}}}}}},
                      created));
  EXPECT_FALSE(matches({{"method", "POST"}, {"path", "/v1/threads"}, {"status", 200},
                        {"body", {{"metadata", {{"user", "u2"}}}}}},
                       created))
      << "every field given must match";
  EXPECT_TRUE(matches(Json::object(), created)) << "an empty pattern matches everything";
}

TEST(RequestPattern, BadPatternsAreRefusedNamingTheField) {
  const auto param_of = [](const Json& pattern) -> std::string {
    try {
      (void)RequestPattern::parse(pattern);
    } catch (const http::ApiError& error) {
      EXPECT_EQ(error.status(), 400);
      return error.param().value_or("(none)");
    }
    return "(accepted)";
  };
  EXPECT_EQ(param_of({{"methd", "GET"}}), "methd");
  EXPECT_EQ(param_of({{"status", "200"}}), "status");
  EXPECT_EQ(param_of({{"path_regex", "("}}), "path_regex");
  EXPECT_EQ(param_of({{"query", {{"limit", 2}}}}), "query");
  EXPECT_EQ(param_of(Json::array()), "(none)");
}

TEST(JsonContains, ScalarsCompareByValueAndType) {
  EXPECT_TRUE(json_contains(Json(1), Json(1)));
  EXPECT_FALSE(json_contains(Json("1"), Json(1)));
  EXPECT_TRUE(json_contains(Json{{"a", {{"b", 1}, {"c", 2}}}}, Json{{"a", {{"b", 1}}}}));
  EXPECT_FALSE(json_contains(Json::array({1}), Json::array({1, 2})));
}

}  // namespace
}  // namespace mock::observe
