#include "mock/core/field_reader.hpp"

#include <string>

#include <gtest/gtest.h>

#include "tests/support/api_error_matchers.hpp"

namespace {
using mock::Json;
using mock::core::FieldReader;
using mock::core::json_type_phrase;
using tests::support::expect_api_error;
using tests::support::thrown_api_error;

TEST(FieldReader, AllowOnlyRefusesTheFirstUnknownKey) {
  const Json body = {{"model", "x"}, {"file_ids", Json::array()}};
  const FieldReader reader(body, "");
  expect_api_error(thrown_api_error([&] { reader.allow_only({"model", "name"}); }), 400,
                   "Unknown parameter: 'file_ids'.", "file_ids", "unknown_parameter");
  EXPECT_NO_THROW(reader.allow_only({"model", "file_ids"}));
}

TEST(FieldReader, UnknownNestedKeyIsNamedByItsDottedPath) {
  const Json body = {{"type", "function"}, {"bogus", 1}};
  const FieldReader reader(body, "tools[0]");
  expect_api_error(thrown_api_error([&] { reader.allow_only({"type", "function"}); }), 400,
                   "Unknown parameter: 'tools[0].bogus'.", "tools[0].bogus", "unknown_parameter");
}

TEST(FieldReader, HasHasValueAndPathOf) {
  const Json body = {{"a", nullptr}, {"b", 1}};
  const FieldReader top(body, "");
  EXPECT_TRUE(top.has("a"));
  EXPECT_FALSE(top.has_value("a"));
  EXPECT_TRUE(top.has_value("b"));
  EXPECT_FALSE(top.has("c"));
  EXPECT_EQ(top.path_of("a"), "a");
  const FieldReader nested(body, "thread");
  EXPECT_EQ(nested.path_of("metadata"), "thread.metadata");
}

TEST(FieldReader, GetOfAMissingKeyIsMissingRequired) {
  const Json body = Json::object();
  const FieldReader reader(body, "messages[0]");
  expect_api_error(thrown_api_error([&] { reader.get("content"); }), 400,
                   "Missing required parameter: 'messages[0].content'.", "messages[0].content",
                   "missing_required_parameter");
}

TEST(FieldReader, ConstructingOnANonObjectIsInvalidType) {
  const Json text = "hi";
  expect_api_error(thrown_api_error([&] { FieldReader reader(text, "tools[1]"); }), 400,
                   "Invalid type for 'tools[1]': expected an object, but got a string instead.",
                   "tools[1]", "invalid_type");
  const Json list = Json::array();
  expect_api_error(thrown_api_error([&] { FieldReader reader(list, ""); }), 400,
                   "Invalid type for 'body': expected an object, but got an array instead.",
                   "body", "invalid_type");
}

TEST(FieldReader, RequiredStringMissing) {
  const Json body = Json::object();
  const FieldReader reader(body, "");
  expect_api_error(thrown_api_error([&] { reader.required_string("model"); }), 400,
                   "Missing required parameter: 'model'.", "model", "missing_required_parameter");
}

TEST(FieldReader, InvalidTypeWordingNamesWhatWasSent) {
  const std::pair<Json, const char*> cases[] = {
      {Json(5), "an integer"},        {Json(2.5), "a decimal"},  {Json(true), "a boolean"},
      {Json::array(), "an array"},    {Json::object(), "an object"}, {Json(nullptr), "null"}};
  for (const auto& [value, phrase] : cases) {
    const Json body = {{"model", value}};
    const FieldReader reader(body, "");
    expect_api_error(thrown_api_error([&] { reader.required_string("model"); }), 400,
                     std::string("Invalid type for 'model': expected a string, but got ") +
                         phrase + " instead.",
                     "model", "invalid_type");
  }
}

TEST(FieldReader, RequiredStringLengthLimits) {
  const Json body = {{"name", std::string(256, 'n')}, {"long", std::string(257, 'n')}, {"empty", ""}};
  const FieldReader reader(body, "");
  EXPECT_EQ(reader.required_string("name", 256).size(), 256U);
  expect_api_error(thrown_api_error([&] { reader.required_string("long", 256); }), 400,
                   "Invalid 'long': string too long. Expected a string with maximum length 256, "
                   "but got a string with length 257 instead.",
                   "long", "string_above_max_length");
  expect_api_error(thrown_api_error([&] { reader.required_string("empty", std::nullopt, 1); }),
                   400,
                   "Invalid 'empty': string too short. Expected a string with minimum length 1, "
                   "but got a string with length 0 instead.",
                   "empty", "string_below_min_length");
}

TEST(FieldReader, OptionalStringAbsentNullAndTooLong) {
  const Json body = {{"name", nullptr}, {"description", std::string(513, 'd')}, {"ok", "fine"}};
  const FieldReader reader(body, "");
  EXPECT_FALSE(reader.string("absent").has_value());
  EXPECT_EQ(reader.string("name"), Json(nullptr));  // nullable by default
  expect_api_error(thrown_api_error([&] { reader.string("name", std::nullopt, false); }), 400,
                   "Invalid type for 'name': expected a string, but got null instead.", "name",
                   "invalid_type");
  expect_api_error(thrown_api_error([&] { reader.string("description", 512); }), 400,
                   "Invalid 'description': string too long. Expected a string with maximum "
                   "length 512, but got a string with length 513 instead.",
                   "description", "string_above_max_length");
  EXPECT_EQ(reader.string("ok", 4), Json("fine"));
}

TEST(FieldReader, NumberTypeAndRange) {
  const Json body = {{"t", 2.5}, {"low", -0.5}, {"int", 1}, {"text", "1"}};
  const FieldReader reader(body, "");
  expect_api_error(thrown_api_error([&] { reader.number("t", 0.0, 2.0); }), 400,
                   "Invalid 't': decimal above maximum value. Expected a value <= 2, but got 2.5 "
                   "instead.",
                   "t", "decimal_above_max_value");
  expect_api_error(thrown_api_error([&] { reader.number("low", 0.0, 1.0); }), 400,
                   "Invalid 'low': decimal below minimum value. Expected a value >= 0, but got "
                   "-0.5 instead.",
                   "low", "decimal_below_min_value");
  EXPECT_EQ(reader.number("int", 0.0, 2.0), Json(1));  // integers are numbers
  expect_api_error(thrown_api_error([&] { reader.number("text", 0.0, 2.0); }), 400,
                   "Invalid type for 'text': expected a decimal, but got a string instead.",
                   "text", "invalid_type");
}

TEST(FieldReader, IntegerTypeAndRange) {
  const Json body = {{"n", 255}, {"big", 51}, {"frac", 1.5}};
  const FieldReader reader(body, "");
  expect_api_error(thrown_api_error([&] { reader.integer("n", 256, std::nullopt); }), 400,
                   "Invalid 'n': integer below minimum value. Expected a value >= 256, but got "
                   "255 instead.",
                   "n", "integer_below_min_value");
  expect_api_error(thrown_api_error([&] { reader.integer("big", 1, 50); }), 400,
                   "Invalid 'big': integer above maximum value. Expected a value <= 50, but got "
                   "51 instead.",
                   "big", "integer_above_max_value");
  expect_api_error(thrown_api_error([&] { reader.integer("frac", 1, 50); }), 400,
                   "Invalid type for 'frac': expected an integer, but got a decimal instead.",
                   "frac", "invalid_type");
  EXPECT_EQ(reader.integer("n", 1, std::nullopt), Json(255));
}

TEST(FieldReader, Boolean) {
  const Json body = {{"yes", true}, {"text", "true"}, {"none", nullptr}};
  const FieldReader reader(body, "");
  EXPECT_EQ(reader.boolean("yes"), Json(true));
  EXPECT_EQ(reader.boolean("none"), Json(nullptr));
  expect_api_error(thrown_api_error([&] { reader.boolean("text"); }), 400,
                   "Invalid type for 'text': expected a boolean, but got a string instead.", "text",
                   "invalid_type");
  expect_api_error(thrown_api_error([&] { reader.boolean("none", false); }), 400,
                   "Invalid type for 'none': expected a boolean, but got null instead.", "none",
                   "invalid_type");
}

TEST(FieldReader, EnumStringListsTheSupportedValues) {
  const Json body = {{"role", "system"}, {"order", "up"}, {"one", "x"}, {"type", 3}};
  const FieldReader reader(body, "");
  expect_api_error(thrown_api_error([&] { reader.enum_string("role", {"user", "assistant"}); }),
                   400, "Invalid value: 'system'. Supported values are: 'user' and 'assistant'.",
                   "role", "invalid_value");
  expect_api_error(
      thrown_api_error([&] { reader.enum_string("order", {"auto", "low", "high"}); }), 400,
      "Invalid value: 'up'. Supported values are: 'auto', 'low', and 'high'.", "order",
      "invalid_value");
  expect_api_error(thrown_api_error([&] { reader.enum_string("one", {"auto"}); }), 400,
                   "Invalid value: 'x'. Supported values are: 'auto'.", "one", "invalid_value");
  expect_api_error(thrown_api_error([&] { reader.enum_string("type", {"a", "b"}); }), 400,
                   "Invalid type for 'type': expected a string, but got an integer instead.",
                   "type", "invalid_type");
  const Json ok = {{"role", "user"}};
  EXPECT_EQ(FieldReader(ok, "").enum_string("role", {"user", "assistant"}), Json("user"));
}

TEST(FieldReader, ArrayTypeAndLength) {
  const Json body = {{"three", Json::array({1, 2, 3})}, {"empty", Json::array()}, {"obj", Json::object()}};
  const FieldReader reader(body, "");
  EXPECT_EQ(reader.array("three", 3)->size(), 3U);
  expect_api_error(thrown_api_error([&] { reader.array("three", 2); }), 400,
                   "Invalid 'three': array too long. Expected an array with maximum length 2, but "
                   "got an array with length 3 instead.",
                   "three", "array_above_max_length");
  expect_api_error(thrown_api_error([&] { reader.array("empty", std::nullopt, true, 1); }), 400,
                   "Invalid 'empty': empty array. Expected an array with minimum length 1, but got "
                   "an array with length 0 instead.",
                   "empty", "empty_array");
  expect_api_error(thrown_api_error([&] { reader.array("obj"); }), 400,
                   "Invalid type for 'obj': expected an array, but got an object instead.", "obj",
                   "invalid_type");
}

TEST(FieldReader, ObjectType) {
  const Json body = {{"o", Json::object()}, {"s", "x"}, {"n", nullptr}};
  const FieldReader reader(body, "thread");
  EXPECT_EQ(reader.object("o"), Json::object());
  EXPECT_EQ(reader.object("n"), Json(nullptr));
  expect_api_error(thrown_api_error([&] { reader.object("s"); }), 400,
                   "Invalid type for 'thread.s': expected an object, but got a string instead.",
                   "thread.s", "invalid_type");
}

TEST(JsonTypePhrase, NamesEachJsonType) {
  EXPECT_EQ(json_type_phrase(Json(nullptr)), "null");
  EXPECT_EQ(json_type_phrase(Json(false)), "a boolean");
  EXPECT_EQ(json_type_phrase(Json(-3)), "an integer");
  EXPECT_EQ(json_type_phrase(Json(3U)), "an integer");
  EXPECT_EQ(json_type_phrase(Json(0.5)), "a decimal");
  EXPECT_EQ(json_type_phrase(Json("s")), "a string");
  EXPECT_EQ(json_type_phrase(Json::array()), "an array");
  EXPECT_EQ(json_type_phrase(Json::object()), "an object");
}

TEST(FieldReaderHelpers, ThrowersAndLengthChecks) {
  using namespace mock::core;
  expect_api_error(thrown_api_error([] { throw_missing("x.y"); }), 400,
                   "Missing required parameter: 'x.y'.", "x.y", "missing_required_parameter");
  expect_api_error(thrown_api_error([] { throw_invalid_type("p", "a string", Json(1)); }), 400,
                   "Invalid type for 'p': expected a string, but got an integer instead.", "p",
                   "invalid_type");
  expect_api_error(thrown_api_error([] { throw_invalid_value("p", "v", {"a", "b"}); }), 400,
                   "Invalid value: 'v'. Supported values are: 'a' and 'b'.", "p", "invalid_value");
  EXPECT_NO_THROW(check_string_length("p", "abc", 3, 3));
  EXPECT_NO_THROW(check_array_length("p", Json::array({1}), 1, 1));
  EXPECT_EQ(thrown_api_error([] { check_string_length("p", "abcd", 3); }).code(),
            "string_above_max_length");
  EXPECT_EQ(thrown_api_error([] { check_array_length("p", Json::array({1, 2}), 1); }).code(),
            "array_above_max_length");
}

}  // namespace
