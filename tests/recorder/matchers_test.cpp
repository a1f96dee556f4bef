// Each matcher matches what it should and, when it does not, says why (STYLE.md §4).
#include <gtest/gtest.h>

#include "recorder/matchers.hpp"

namespace recorder {
namespace {
using cassettes::Json;
using cassettes::JsonBody;
using cassettes::RecordedRequest;
using cassettes::TextBody;

RecordedRequest request(std::string method, std::string path, cassettes::QueryList query = {},
                        cassettes::Body body = cassettes::NoBody{}) {
  RecordedRequest out;
  out.method = std::move(method);
  out.path = std::move(path);
  out.query = std::move(query);
  out.body = std::move(body);
  return out;
}

TEST(Matchers, MethodExplainsAMismatch) {
  EXPECT_FALSE(match_method(request("GET", "/v1/a"), request("GET", "/v1/b")));
  EXPECT_EQ(match_method(request("GET", "/v1/a"), request("POST", "/v1/a")).value_or(""), "live GET, recorded POST");
}

TEST(Matchers, PathExplainsAMismatch) {
  EXPECT_FALSE(match_path(request("GET", "/v1/a"), request("POST", "/v1/a")));
  EXPECT_EQ(match_path(request("GET", "/v1/threads/t1"), request("GET", "/v1/threads/t2")).value_or(""),
            "live \"/v1/threads/t1\", recorded \"/v1/threads/t2\"");
}

TEST(Matchers, QueryIgnoresTheOrderOfNamesButNotOfRepeatedValues) {
  EXPECT_FALSE(match_query(request("GET", "/", {{"limit", "2"}, {"order", "asc"}}),
                           request("GET", "/", {{"order", "asc"}, {"limit", "2"}})));
  EXPECT_TRUE(match_query(request("GET", "/", {{"include[]", "a"}, {"include[]", "b"}}),
                          request("GET", "/", {{"include[]", "b"}, {"include[]", "a"}})));
  EXPECT_EQ(match_query(request("GET", "/", {{"order", "desc"}}), request("GET", "/", {{"order", "asc"}})).value_or(""),
            "'order': live \"desc\", recorded \"asc\"");
  EXPECT_EQ(match_query(request("GET", "/"), request("GET", "/", {{"after", "msg_1"}})).value_or(""),
            "'after' only in recorded (\"msg_1\")");
  EXPECT_EQ(match_query(request("GET", "/", {{"limit", "5"}}), request("GET", "/")).value_or(""),
            "'limit' only in live (\"5\")");
}

TEST(Matchers, JsonBodyComparesJsonNotBytes) {
  const auto a = request("POST", "/", {}, JsonBody{Json::parse(R"({"model":"gpt-4","name":"x","n":1})")});
  const auto b = request("POST", "/", {}, JsonBody{Json::parse(R"({"n":1.0,  "name":"x","model":"gpt-4"})")});
  EXPECT_FALSE(match_json_body(a, b)) << "key order, spacing and 1 vs 1.0 do not matter";
  const auto c = request("POST", "/", {}, JsonBody{Json::parse(R"({"model":"gpt-4","name":"y","n":1})")});
  EXPECT_EQ(match_json_body(a, c).value_or(""), "at /name: live \"x\", recorded \"y\"");
}

TEST(Matchers, JsonBodyExplainsMissingExtraAndNestedDifferences) {
  const auto recorded = request("POST", "/", {}, JsonBody{Json::parse(R"({"a":{"b":[1,2,{"c":"d"}]},"e":1})")});
  EXPECT_EQ(match_json_body(request("POST", "/", {}, JsonBody{Json::parse(R"({"a":{"b":[1,2,{"c":"X"}]},"e":1})")}),
                            recorded)
                .value_or(""),
            "at /a/b/2/c: live \"X\", recorded \"d\"");
  EXPECT_EQ(match_json_body(request("POST", "/", {}, JsonBody{Json::parse(R"({"a":{"b":[1,2]},"e":1})")}), recorded)
                .value_or(""),
            "at /a/b: live has 2 items, recorded 3");
  EXPECT_EQ(match_json_body(request("POST", "/", {}, JsonBody{Json::parse(R"({"a":{"b":[1,2,{"c":"d"}]}})")}), recorded)
                .value_or(""),
            "at /e: only in recorded (1)");
  EXPECT_EQ(match_json_body(request("POST", "/", {}, JsonBody{Json::parse(R"({"a":{"b":[1,2,{"c":"d"}]},"e":1,"f":0})")}),
                            recorded)
                .value_or(""),
            "at /f: only in live (0)");
}

TEST(Matchers, JsonBodyNamesTheFirstFewDifferencesInTheRecordedOrder) {
  const auto recorded = request("POST", "/", {}, JsonBody{Json::parse(R"({"name":"a","instructions":"b","model":"m","n":1,"k":2})")});
  const auto live = request("POST", "/", {}, JsonBody{Json::parse(R"({"model":"m","name":"z","extra":true})")});
  EXPECT_EQ(match_json_body(live, recorded).value_or(""),
            "at /name: live \"z\", recorded \"a\"; at /instructions: only in recorded (\"b\"); at /n: only in "
            "recorded (1); ...");
}

TEST(Matchers, JsonBodyFallsBackToBytesForOtherBodies) {
  EXPECT_FALSE(match_json_body(request("POST", "/", {}, TextBody{"hello"}), request("POST", "/", {}, TextBody{"hello"})));
  EXPECT_EQ(match_json_body(request("POST", "/", {}, TextBody{"hello"}), request("POST", "/", {}, TextBody{"help"}))
                .value_or(""),
            "bodies differ from byte 3 (live text, 5 bytes, recorded text, 4 bytes)");
  EXPECT_TRUE(match_json_body(request("POST", "/"), request("POST", "/", {}, JsonBody{Json::object()})));
}

TEST(Matchers, BodyComparesBytes) {
  EXPECT_FALSE(match_body(request("POST", "/", {}, JsonBody{Json{{"a", 1}}}), request("POST", "/", {}, TextBody{R"({"a":1})"})));
  EXPECT_TRUE(match_body(request("POST", "/", {}, TextBody{"a"}), request("POST", "/")));
}

TEST(Matchers, HeaderComparesOneHeaderCaseInsensitively) {
  auto a = request("GET", "/");
  auto b = request("GET", "/");
  a.headers = {{"openai-beta", "assistants=v2"}};
  b.headers = {{"OpenAI-Beta", "assistants=v2"}};
  const Matcher beta = match_header("OpenAI-Beta");
  EXPECT_FALSE(beta(a, b));
  b.headers = {{"openai-beta", "assistants=v1"}};
  EXPECT_EQ(beta(a, b).value_or(""), "live \"assistants=v2\", recorded \"assistants=v1\"");
  b.headers.clear();
  EXPECT_EQ(beta(a, b).value_or(""), "live \"assistants=v2\", recorded (absent)");
}

TEST(Matchers, ParseMatchOnBuildsNamedMatchersAndRefusesUnknownOnes) {
  const auto set = parse_match_on("method, path,header:openai-beta");
  ASSERT_TRUE(set.has_value());
  ASSERT_EQ(set->size(), 3U);
  EXPECT_EQ((*set)[2].name, "header:openai-beta");
  const auto unknown = parse_match_on("method,colour");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error(), "unknown matcher 'colour'; known matchers: method, path, query, json_body, body, header:NAME");
  EXPECT_FALSE(parse_match_on("").has_value());
  EXPECT_FALSE(parse_match_on("header:").has_value());
  EXPECT_TRUE(parse_match_on(k_default_match_on).has_value());
}

TEST(Matchers, ExplainMissNamesTheClosestRecordingAndEveryFailingMatcher) {
  const MatcherSet set = *parse_match_on(k_default_match_on);
  std::vector<cassettes::Interaction> recorded(3);
  recorded[0].request = request("GET", "/v1/assistants");
  recorded[1].request = request("POST", "/v1/threads/thread_1/runs", {}, JsonBody{Json{{"assistant_id", "asst_1"}}});
  recorded[2].request = request("POST", "/v1/threads/thread_1/messages", {}, JsonBody{Json{{"role", "user"}}});
  const auto live =
      request("POST", "/v1/threads/thread_1/runs", {{"x", "1"}}, JsonBody{Json{{"assistant_id", "asst_2"}}});
  const std::string text = explain_miss(set, live, recorded);
  EXPECT_EQ(text,
            "No recorded interaction matches POST /v1/threads/thread_1/runs?x=1 (matching on "
            "method,path,query,json_body). Closest recorded: #1 POST /v1/threads/thread_1/runs; query: 'x' only in "
            "live (\"1\"); json_body: at /assistant_id: live \"asst_2\", recorded \"asst_1\".");
  EXPECT_EQ(explain_miss(set, live, {}),
            "No recorded interaction matches POST /v1/threads/thread_1/runs?x=1 (matching on "
            "method,path,query,json_body). The cassette has no interactions.");
}

}  // namespace
}  // namespace recorder
