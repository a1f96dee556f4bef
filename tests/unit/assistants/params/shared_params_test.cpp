#include "mock/assistants/params/shared_params.hpp"

#include <string>

#include <gtest/gtest.h>

#include "tests/support/api_error_matchers.hpp"

namespace {
using mock::Json;
using namespace mock::assistants;
using namespace mock::core;  // parse_metadata, check_id_prefix
using tests::support::expect_api_error;
using tests::support::thrown_api_error;

Json metadata_with(std::size_t pairs) {
  Json metadata = Json::object();
  for (std::size_t i = 0; i < pairs; ++i) metadata["key" + std::to_string(i)] = "value";
  return metadata;
}

// ---------------------------------------------------------------- metadata

TEST(Metadata, SixteenPairsAreAccepted) {
  EXPECT_EQ(parse_metadata(metadata_with(16), "metadata"), metadata_with(16));
  EXPECT_EQ(parse_metadata(Json::object(), "metadata"), Json::object());
}

TEST(Metadata, NullStaysNull) { EXPECT_TRUE(parse_metadata(Json(nullptr), "metadata").is_null()); }

TEST(Metadata, SeventeenPairsAreRefused) {
  expect_api_error(thrown_api_error([] { parse_metadata(metadata_with(17), "metadata"); }), 400,
                   "Invalid 'metadata': too many properties. Expected an object with at most 16 "
                   "properties, but got an object with 17 properties instead.",
                   "metadata", "object_above_max_properties");
}

TEST(Metadata, KeyOfSixtyFourCharactersIsAcceptedAndSixtyFiveRefused) {
  EXPECT_NO_THROW(parse_metadata(Json{{std::string(64, 'k'), "v"}}, "metadata"));
  const auto error = thrown_api_error(
      [] { parse_metadata(Json{{std::string(65, 'k'), "v"}}, "metadata"); });
  expect_api_error(error, 400,
                   "Invalid 'metadata': metadata key 'kkkkkkkkkkkkkkkk...' is too long. Expected a "
                   "key with maximum length 64, but got a key with length 65 instead.",
                   "metadata", "string_above_max_length");
}

TEST(Metadata, ValueOfFiveHundredTwelveCharactersIsAcceptedAnd513Refused) {
  EXPECT_NO_THROW(parse_metadata(Json{{"k", std::string(512, 'v')}}, "metadata"));
  expect_api_error(
      thrown_api_error([] { parse_metadata(Json{{"k", std::string(513, 'v')}}, "metadata"); }),
      400,
      "Invalid 'metadata.k': string too long. Expected a string with maximum length 512, but got "
      "a string with length 513 instead.",
      "metadata.k", "string_above_max_length");
}

TEST(Metadata, ValuesMustBeStrings) {
  expect_api_error(thrown_api_error([] { parse_metadata(Json{{"n", 1}}, "metadata"); }), 400,
                   "Invalid type for 'metadata.n': expected a string, but got an integer instead.",
                   "metadata.n", "invalid_type");
  EXPECT_EQ(thrown_api_error([] { parse_metadata(Json{{"o", Json::object()}}, "metadata"); })
                .param(),
            "metadata.o");
}

TEST(Metadata, MustBeAnObject) {
  expect_api_error(thrown_api_error([] { parse_metadata(Json::array(), "thread.metadata"); }), 400,
                   "Invalid type for 'thread.metadata': expected an object, but got an array "
                   "instead.",
                   "thread.metadata", "invalid_type");
  EXPECT_EQ(thrown_api_error([] { parse_metadata(Json("k=v"), "metadata"); }).code(),
            "invalid_type");
}

// ---------------------------------------------------------------- response_format

TEST(ResponseFormat, AutoNullAndObjectForms) {
  EXPECT_EQ(parse_response_format(Json(nullptr), "response_format"), Json("auto"));
  EXPECT_EQ(parse_response_format(Json("auto"), "response_format"), Json("auto"));
  EXPECT_EQ(parse_response_format(Json{{"type", "text"}}, "response_format"),
            (Json{{"type", "text"}}));
  EXPECT_EQ(parse_response_format(Json{{"type", "json_object"}}, "response_format"),
            (Json{{"type", "json_object"}}));
  const Json schema = {{"type", "json_schema"},
                       {"json_schema", {{"name", "answer"}, {"schema", {{"type", "object"}}}, {"strict", true}}}};
  EXPECT_EQ(parse_response_format(schema, "response_format"), schema);
}

TEST(ResponseFormat, BadForms) {
  expect_api_error(thrown_api_error([] { parse_response_format(Json("none"), "response_format"); }),
                   400, "Invalid value: 'none'. Supported values are: 'auto'.", "response_format",
                   "invalid_value");
  expect_api_error(
      thrown_api_error([] { parse_response_format(Json{{"type", "json_schema"}}, "response_format"); }),
      400, "Missing required parameter: 'response_format.json_schema'.",
      "response_format.json_schema", "missing_required_parameter");
  expect_api_error(
      thrown_api_error([] {
        parse_response_format(Json{{"type", "text"}, {"json_schema", Json::object()}},
                              "response_format");
      }),
      400, "Unknown parameter: 'response_format.json_schema'.", "response_format.json_schema",
      "unknown_parameter");
  EXPECT_EQ(thrown_api_error([] {
              parse_response_format(Json{{"type", "json_schema"}, {"json_schema", Json::object()}},
                                    "response_format");
            }).param(),
            "response_format.json_schema.name");
  EXPECT_EQ(thrown_api_error([] { parse_response_format(Json{{"type", "xml"}}, "response_format"); })
                .code(),
            "invalid_value");
}

// ---------------------------------------------------------------- tool_choice

TEST(ToolChoice, StringsAndNamedFunction) {
  for (const char* word : {"none", "auto", "required"}) {
    EXPECT_EQ(parse_tool_choice(Json(word), "tool_choice"), Json(word));
  }
  EXPECT_EQ(parse_tool_choice(Json(nullptr), "tool_choice"), Json("auto"));
  EXPECT_EQ(parse_tool_choice(Json{{"type", "file_search"}}, "tool_choice"),
            (Json{{"type", "file_search"}}));
  const Json named = {{"type", "function"}, {"function", {{"name", "get_weather"}}}};
  EXPECT_EQ(parse_tool_choice(named, "tool_choice"), named);
}

TEST(ToolChoice, BadForms) {
  expect_api_error(thrown_api_error([] { parse_tool_choice(Json("always"), "tool_choice"); }), 400,
                   "Invalid value: 'always'. Supported values are: 'none', 'auto', and 'required'.",
                   "tool_choice", "invalid_value");
  expect_api_error(
      thrown_api_error([] { parse_tool_choice(Json{{"type", "function"}}, "tool_choice"); }), 400,
      "Missing required parameter: 'tool_choice.function'.", "tool_choice.function",
      "missing_required_parameter");
  EXPECT_EQ(thrown_api_error([] { parse_tool_choice(Json::object(), "tool_choice"); }).param(),
            "tool_choice.type");
}

// ---------------------------------------------------------------- truncation_strategy

TEST(TruncationStrategy, Forms) {
  EXPECT_EQ(parse_truncation_strategy(Json(nullptr), "truncation_strategy"),
            (Json{{"type", "auto"}, {"last_messages", nullptr}}));
  EXPECT_EQ(parse_truncation_strategy(Json{{"type", "last_messages"}, {"last_messages", 3}},
                                      "truncation_strategy"),
            (Json{{"type", "last_messages"}, {"last_messages", 3}}));
  expect_api_error(
      thrown_api_error([] {
        parse_truncation_strategy(Json{{"type", "last_messages"}, {"last_messages", 0}},
                                  "truncation_strategy");
      }),
      400,
      "Invalid 'truncation_strategy.last_messages': integer below minimum value. Expected a value "
      ">= 1, but got 0 instead.",
      "truncation_strategy.last_messages", "integer_below_min_value");
  EXPECT_EQ(thrown_api_error([] { parse_truncation_strategy(Json::object(), "ts"); }).param(),
            "ts.type");
}

// ---------------------------------------------------------------- tools

TEST(Tools, NullIsEmptyAndEachKindNormalises) {
  EXPECT_EQ(parse_tools(Json(nullptr), "tools", 128), Json::array());
  const Json tools = parse_tools(
      Json::array({Json{{"type", "code_interpreter"}}, Json{{"type", "file_search"}},
                   Json{{"type", "function"}, {"function", {{"name", "get_weather"}}}}}),
      "tools", 128);
  ASSERT_EQ(tools.size(), 3U);
  EXPECT_EQ(tools[0], (Json{{"type", "code_interpreter"}}));
  EXPECT_EQ(tools[1]["file_search"]["ranking_options"],
            (Json{{"ranker", "default_2024_08_21"}, {"score_threshold", 0.0}}));
  EXPECT_EQ(tools[2]["function"]["name"], "get_weather");
  EXPECT_EQ(tools[2]["function"]["strict"], false);  // the spec's default
}

TEST(Tools, LimitsAndShapes) {
  Json many = Json::array();
  for (int i = 0; i < 21; ++i) many.push_back(Json{{"type", "code_interpreter"}});
  expect_api_error(thrown_api_error([&] { parse_tools(many, "tools", 20); }), 400,
                   "Invalid 'tools': array too long. Expected an array with maximum length 20, but "
                   "got an array with length 21 instead.",
                   "tools", "array_above_max_length");
  EXPECT_EQ(thrown_api_error([] { parse_tools(Json::object(), "tools", 5); }).code(), "invalid_type");
  expect_api_error(
      thrown_api_error([] {
        parse_tools(Json::array({Json{{"type", "code_interpreter"}, {"x", 1}}}), "tools", 5);
      }),
      400, "Unknown parameter: 'tools[0].x'.", "tools[0].x", "unknown_parameter");
  expect_api_error(thrown_api_error([] { parse_tools(Json::array({Json::object()}), "tools", 5); }),
                   400, "Missing required parameter: 'tools[0].type'.", "tools[0].type",
                   "missing_required_parameter");
  EXPECT_EQ(thrown_api_error([] {
              parse_tools(Json::array({Json{{"type", "retrieval"}}}), "tools", 5);  // v1 name
            }).code(),
            "invalid_value");
  EXPECT_EQ(thrown_api_error([] {
              parse_tools(Json::array({Json{{"type", "function"}}}), "tools", 5);
            }).param(),
            "tools[0].function");
}

TEST(Tools, FunctionNameMustMatchThePattern) {
  expect_api_error(
      thrown_api_error([] {
        parse_tools(Json::array({Json{{"type", "function"}, {"function", {{"name", "get weather"}}}}}),
                    "tools", 5);
      }),
      400,
      "Invalid 'tools[0].function.name': string does not match pattern. Expected a string that "
      "matches the pattern '^[a-zA-Z0-9_-]+$'.",
      "tools[0].function.name", "invalid_value");
  EXPECT_EQ(thrown_api_error([] {
              parse_tools(Json::array({Json{{"type", "function"},
                                            {"function", {{"name", std::string(65, 'f')}}}}}),
                          "tools", 5);
            }).code(),
            "string_above_max_length");
}

TEST(Tools, FileSearchOptions) {
  const Json tool = parse_tools(
      Json::array({Json{{"type", "file_search"},
                        {"file_search",
                         {{"max_num_results", 50},
                          {"ranking_options", {{"ranker", "auto"}, {"score_threshold", 0.5}}}}}}}),
      "tools", 5)[0];
  EXPECT_EQ(tool["file_search"]["max_num_results"], 50);
  EXPECT_EQ(tool["file_search"]["ranking_options"]["ranker"], "auto");
  EXPECT_EQ(thrown_api_error([] {
              parse_tools(Json::array({Json{{"type", "file_search"},
                                            {"file_search", {{"max_num_results", 51}}}}}),
                          "tools", 5);
            }).param(),
            "tools[0].file_search.max_num_results");
  EXPECT_EQ(thrown_api_error([] {
              parse_tools(Json::array({Json{{"type", "file_search"},
                                            {"file_search", {{"ranking_options", Json::object()}}}}}),
                          "tools", 5);
            }).param(),
            "tools[0].file_search.ranking_options.score_threshold");
}

// ---------------------------------------------------------------- tool_resources

TEST(ToolResources, NullIsEmptyAndIdsAreKept) {
  EXPECT_EQ(parse_tool_resources(Json(nullptr), "tool_resources", true), Json::object());
  const Json resources = parse_tool_resources(
      Json{{"code_interpreter", {{"file_ids", {"file-abc"}}}},
           {"file_search", {{"vector_store_ids", {"vs_abc"}}}}},
      "tool_resources", false);
  EXPECT_EQ(resources["code_interpreter"]["file_ids"], Json::array({"file-abc"}));
  EXPECT_EQ(resources["file_search"]["vector_store_ids"], Json::array({"vs_abc"}));
}

TEST(ToolResources, IdPrefixesAndLimits) {
  expect_api_error(
      thrown_api_error([] {
        parse_tool_resources(Json{{"code_interpreter", {{"file_ids", {"file_abc"}}}}},
                             "tool_resources", true);
      }),
      400,
      "Invalid 'tool_resources.code_interpreter.file_ids[0]': 'file_abc'. Expected an ID that "
      "begins with 'file'.",
      "tool_resources.code_interpreter.file_ids[0]", "invalid_value");
  Json many = Json::array();
  for (int i = 0; i < 21; ++i) many.push_back("file-" + std::to_string(i));
  EXPECT_EQ(thrown_api_error([&] {
              parse_tool_resources(Json{{"code_interpreter", {{"file_ids", many}}}},
                                   "tool_resources", true);
            }).code(),
            "array_above_max_length");
  EXPECT_EQ(thrown_api_error([] {
              parse_tool_resources(Json{{"file_search", {{"vector_store_ids", {"vs_a", "vs_b"}}}}},
                                   "tool_resources", true);
            }).code(),
            "array_above_max_length");
  EXPECT_EQ(thrown_api_error([] {
              parse_tool_resources(Json{{"file_search", {{"vector_store_ids", {"store_a"}}}}},
                                   "tool_resources", true);
            }).param(),
            "tool_resources.file_search.vector_store_ids[0]");
  // FACTS.md §7: "expected an array of strings, but got a string instead."
  expect_api_error(
      thrown_api_error([] {
        parse_tool_resources(Json{{"code_interpreter", {{"file_ids", "file-abc"}}}},
                             "tool_resources", true);
      }),
      400,
      "Invalid type for 'tool_resources.code_interpreter.file_ids': expected an array of strings, "
      "but got a string instead.",
      "tool_resources.code_interpreter.file_ids", "invalid_type");
}

TEST(ToolResources, VectorStoreIdsOfTheWrongTypeUseTheServiceWording) {
  // The exact error FACTS.md §7 quotes (PipedreamHQ/pipedream#15397).
  expect_api_error(
      thrown_api_error([] {
        parse_tool_resources(Json{{"file_search", {{"vector_store_ids", "vs_abc"}}}},
                             "tool_resources", true);
      }),
      400,
      "Invalid type for 'tool_resources.file_search.vector_store_ids': expected an array of "
      "strings, but got a string instead.",
      "tool_resources.file_search.vector_store_ids", "invalid_type");
}

TEST(ToolResources, VectorStoreHelperOnlyWhereAllowed) {
  const Json helper = {{"file_search", {{"vector_stores", Json::array({Json::object()})}}}};
  expect_api_error(thrown_api_error([&] { parse_tool_resources(helper, "tool_resources", false); }),
                   400, "Unknown parameter: 'tool_resources.file_search.vector_stores'.",
                   "tool_resources.file_search.vector_stores", "unknown_parameter");
}

// ---------------------------------------------------------------- id prefixes

TEST(CheckIdPrefix, NamesThePrefixWithoutItsSeparator) {
  expect_api_error(thrown_api_error([] { check_id_prefix("thread_id", "undefined", "thread_"); }),
                   400,
                   "Invalid 'thread_id': 'undefined'. Expected an ID that begins with 'thread'.",
                   "thread_id", "invalid_value");
  EXPECT_STREQ(thrown_api_error([] { check_id_prefix("file_id", "abc", "file-"); }).what(),
               "Invalid 'file_id': 'abc'. Expected an ID that begins with 'file'.");
  EXPECT_NO_THROW(check_id_prefix("thread_id", "thread_abc", "thread_"));
  EXPECT_EQ(thrown_api_error([] { check_id_prefix("run_id", "run_", "run_"); }).status(), 400);
}

TEST(ReasoningEfforts, AreTheHeadSpecValues) {
  EXPECT_EQ(k_reasoning_efforts, (std::vector<std::string>{"none", "minimal", "low", "medium",
                                                           "high", "xhigh", "max"}));
}

}  // namespace
