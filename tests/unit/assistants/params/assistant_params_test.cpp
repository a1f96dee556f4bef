#include <string>

#include <gtest/gtest.h>

#include "mock/assistants/params/request_params.hpp"
#include "tests/support/api_error_matchers.hpp"

namespace {
using mock::Json;
using mock::assistants::parse_create_assistant;
using mock::assistants::parse_modify_assistant;
using tests::support::expect_api_error;
using tests::support::thrown_api_error;

TEST(CreateAssistantParams, ModelIsRequired) {
  expect_api_error(thrown_api_error([] { parse_create_assistant(Json::object()); }), 400,
                   "Missing required parameter: 'model'.", "model", "missing_required_parameter");
  expect_api_error(thrown_api_error([] { parse_create_assistant(Json{{"model", 4}}); }), 400,
                   "Invalid type for 'model': expected a string, but got an integer instead.",
                   "model", "invalid_type");
  EXPECT_EQ(thrown_api_error([] { parse_create_assistant(Json{{"model", ""}}); }).code(),
            "string_below_min_length");
  EXPECT_EQ(thrown_api_error([] { parse_create_assistant(Json{{"model", nullptr}}); }).code(),
            "invalid_type");
}

TEST(CreateAssistantParams, MinimalBodyNormalisesToTheModelOnly) {
  EXPECT_EQ(parse_create_assistant(Json{{"model", "gpt-4o"}}), (Json{{"model", "gpt-4o"}}));
}

TEST(CreateAssistantParams, FullBodyIsKept) {
  const Json body = {{"model", "gpt-4o"},
                     {"name", "Math Tutor"},
                     {"description", "Helps"},
                     {"instructions", "You are a personal math tutor."},
                     {"reasoning_effort", "high"},
                     {"tools", Json::array({Json{{"type", "code_interpreter"}}})},
                     {"tool_resources", {{"code_interpreter", {{"file_ids", {"file-1"}}}}}},
                     {"metadata", {{"team", "math"}}},
                     {"temperature", 0.2},
                     {"top_p", 0.9},
                     {"response_format", {{"type", "json_object"}}}};
  const Json out = parse_create_assistant(body);
  EXPECT_EQ(out["name"], "Math Tutor");
  EXPECT_EQ(out["instructions"], "You are a personal math tutor.");
  EXPECT_EQ(out["reasoning_effort"], "high");
  EXPECT_EQ(out["tools"], body["tools"]);
  EXPECT_EQ(out["tool_resources"]["code_interpreter"]["file_ids"][0], "file-1");
  EXPECT_EQ(out["metadata"], body["metadata"]);
  EXPECT_EQ(out["temperature"], 0.2);
  EXPECT_EQ(out["top_p"], 0.9);
  EXPECT_EQ(out["response_format"], body["response_format"]);
}

TEST(CreateAssistantParams, V1FileIdsIsAnUnknownParameter) {
  // FACTS.md §7: v1's file_ids sent under v2.
  expect_api_error(
      thrown_api_error([] {
        parse_create_assistant(Json{{"model", "gpt-4o"}, {"file_ids", Json::array()}});
      }),
      400, "Unknown parameter: 'file_ids'.", "file_ids", "unknown_parameter");
}

TEST(CreateAssistantParams, Limits) {
  const auto param_of = [](const Json& extra) {
    Json body = {{"model", "gpt-4o"}};
    body.update(extra);
    return thrown_api_error([&] { parse_create_assistant(body); }).param().value_or("");
  };
  EXPECT_EQ(param_of({{"name", std::string(257, 'n')}}), "name");
  EXPECT_EQ(param_of({{"description", std::string(513, 'd')}}), "description");
  EXPECT_EQ(param_of({{"instructions", std::string(256001, 'i')}}), "instructions");
  EXPECT_EQ(param_of({{"temperature", 2.01}}), "temperature");
  EXPECT_EQ(param_of({{"top_p", -0.1}}), "top_p");
  EXPECT_EQ(param_of({{"reasoning_effort", "extreme"}}), "reasoning_effort");
  EXPECT_EQ(param_of({{"metadata", {{"k", 1}}}}), "metadata.k");
  Json tools = Json::array();
  for (int i = 0; i < 129; ++i) tools.push_back(Json{{"type", "code_interpreter"}});
  EXPECT_EQ(param_of({{"tools", tools}}), "tools");

  Json at_limits = {{"model", "gpt-4o"},
                    {"name", std::string(256, 'n')},
                    {"description", std::string(512, 'd')},
                    {"temperature", 2},
                    {"top_p", 0}};
  tools.erase(tools.size() - 1);
  at_limits["tools"] = tools;
  EXPECT_NO_THROW(parse_create_assistant(at_limits));
}

TEST(CreateAssistantParams, NullableFieldsMayBeNull) {
  const Json out = parse_create_assistant(
      Json{{"model", "m"}, {"name", nullptr}, {"instructions", nullptr}, {"metadata", nullptr}});
  EXPECT_TRUE(out["name"].is_null());
  EXPECT_TRUE(out["instructions"].is_null());
  EXPECT_TRUE(out["metadata"].is_null());
}

TEST(CreateAssistantParams, NonObjectBodyIsInvalidType) {
  EXPECT_EQ(thrown_api_error([] { parse_create_assistant(Json::array()); }).code(), "invalid_type");
}

TEST(ModifyAssistantParams, EverythingIsOptionalAndOnlySentKeysComeBack) {
  EXPECT_EQ(parse_modify_assistant(Json::object()), Json::object());
  EXPECT_EQ(parse_modify_assistant(Json{{"name", "New"}}), (Json{{"name", "New"}}));
}

TEST(ModifyAssistantParams, ModelMayNotBeNull) {
  expect_api_error(thrown_api_error([] { parse_modify_assistant(Json{{"model", nullptr}}); }), 400,
                   "Invalid type for 'model': expected a string, but got null instead.", "model",
                   "invalid_type");
}

TEST(ModifyAssistantParams, VectorStoreHelperIsNotAccepted) {
  const Json body = {{"tool_resources",
                      {{"file_search", {{"vector_stores", Json::array({Json::object()})}}}}}};
  EXPECT_EQ(thrown_api_error([&] { parse_modify_assistant(body); }).code(), "unknown_parameter");
}

TEST(ModifyAssistantParams, UnknownParameter) {
  expect_api_error(thrown_api_error([] { parse_modify_assistant(Json{{"colour", "red"}}); }), 400,
                   "Unknown parameter: 'colour'.", "colour", "unknown_parameter");
}

}  // namespace
