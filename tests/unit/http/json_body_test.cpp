#include "http/json_body.hpp"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/api_error.hpp"

namespace {
using mock::Json;
using mock::http::ApiError;
using mock::http::k_max_json_depth;
using mock::http::parse_json_object_body;

constexpr const char* k_unparseable =
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't "
    "using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was "
    "sent was not valid JSON. If you have trouble figuring out how to fix this, please contact "
    "us through our help center at help.openai.com.)";

ApiError refusal(const std::string& body) {
  try {
    parse_json_object_body(body);
  } catch (const ApiError& error) {
    return error;
  }
  ADD_FAILURE() << "body accepted: " << body.substr(0, 80);
  return ApiError(0, "");
}

// `levels` containers nested inside each other, the innermost holding a number:
// objects {"a":{"a":...1...}} or, inside one object, arrays {"a":[[...1...]]}.
std::string nested_objects(int levels) {
  std::string text;
  for (int i = 0; i < levels; ++i) text += "{\"a\":";
  text += "1";
  text.append(static_cast<std::size_t>(levels), '}');
  return text;
}
std::string nested_arrays_in_object(int levels) {
  std::string text = "{\"a\":";
  for (int i = 1; i < levels; ++i) text += "[";
  text += "1";
  text.append(static_cast<std::size_t>(levels - 1), ']');
  return text + "}";
}

TEST(JsonBody, EmptyBodyIsAnEmptyObject) {
  EXPECT_EQ(parse_json_object_body(""), Json::object());
  EXPECT_EQ(parse_json_object_body("  \r\n\t "), Json::object());
}

TEST(JsonBody, ObjectIsReturnedWithKeyOrderKept) {
  const Json body = parse_json_object_body(R"({"zeta":1,"alpha":{"b":[1,2],"a":null}})");
  EXPECT_EQ(body.dump(), R"({"zeta":1,"alpha":{"b":[1,2],"a":null}})");
}

TEST(JsonBody, SurroundingWhitespaceIsFine) {
  EXPECT_EQ(parse_json_object_body("  {\"a\": 1}\n"), (Json{{"a", 1}}));
}

TEST(JsonBody, BadJsonGetsTheServiceMessage) {
  for (const char* body : {"{", "not json", "{\"a\":1,}", "{'a':1}", "{} x", "{\"a\":}",
                           "\"unterminated", "{\"a\":01}", "nul"}) {
    const ApiError error = refusal(body);
    EXPECT_EQ(error.status(), 400) << body;
    EXPECT_STREQ(error.what(), k_unparseable) << body;
    EXPECT_EQ(error.type(), "invalid_request_error");
    EXPECT_FALSE(error.param().has_value()) << body;
    EXPECT_FALSE(error.code().has_value()) << body;
  }
}

TEST(JsonBody, InvalidUtf8IsUnparseable) {
  const ApiError error = refusal("{\"a\":\"\xC3\x28\"}");
  EXPECT_STREQ(error.what(), k_unparseable);
}

TEST(JsonBody, NonObjectBodiesAreInvalidType) {
  const std::pair<const char*, const char*> cases[] = {
      {"[1,2]", "an array"}, {"[]", "an array"},     {"\"text\"", "a string"},
      {"42", "a number"},    {"4.5", "a number"},    {"true", "a boolean"},
      {"null", "null"}};
  for (const auto& [body, word] : cases) {
    const ApiError error = refusal(body);
    EXPECT_EQ(error.status(), 400) << body;
    EXPECT_EQ(std::string(error.what()),
              std::string("Invalid type for request body: expected an object, but got ") + word +
                  " instead.")
        << body;
    EXPECT_EQ(error.code(), "invalid_type") << body;
  }
}

TEST(JsonBody, NestingUpToTheLimitIsAccepted) {
  ASSERT_EQ(k_max_json_depth, 64);
  EXPECT_NO_THROW(parse_json_object_body(nested_objects(k_max_json_depth)));
  EXPECT_NO_THROW(parse_json_object_body(nested_arrays_in_object(k_max_json_depth)));
}

TEST(JsonBody, NestingDeeperThanTheLimitIs400) {
  for (const std::string& body :
       {nested_objects(k_max_json_depth + 1), nested_arrays_in_object(k_max_json_depth + 1),
        nested_objects(k_max_json_depth + 2), nested_objects(1000)}) {
    const ApiError error = refusal(body);
    EXPECT_EQ(error.status(), 400);
    EXPECT_STREQ(error.what(), "Invalid body: JSON nested more than 64 levels deep.");
    EXPECT_EQ(error.code(), "json_too_deep");
  }
}

TEST(JsonBody, HostileDepthIsRefusedWithoutCrashing) {
  // nlohmann's dump() of such a document would overflow the stack; it must never get that far.
  std::string body = "{\"a\":";
  body.append(200'000, '[');
  const ApiError error = refusal(body);
  EXPECT_EQ(error.code(), "json_too_deep");
}

TEST(JsonBody, WideButShallowDocumentsAreFine) {
  std::string body = "{\"a\":[";
  for (int i = 0; i < 10'000; ++i) body += (i == 0 ? "" : ",") + std::to_string(i);
  body += "]}";
  EXPECT_EQ(parse_json_object_body(body)["a"].size(), 10'000U);
}

}  // namespace
