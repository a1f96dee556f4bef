// Input items as clients send them, brought to the shape the service stores them in.
#include <gtest/gtest.h>

#include "mock/core/id_generator.hpp"
#include "mock/responses/item_params.hpp"
#include "tests/support/api_error_matchers.hpp"

namespace {
using mock::Json;
using mock::responses::parse_input;
using mock::responses::parse_items;

TEST(ResponseItems, TextIsOneUserMessage) {
  EXPECT_EQ(parse_input("hi", "input"),
            Json::array({Json{{"type", "message"}, {"status", "completed"}, {"role", "user"},
                              {"content", Json::array({Json{{"type", "input_text"}, {"text", "hi"}}})}}}));
}

TEST(ResponseItems, AssistantTextBecomesOutputTextAndIdsFollowTheType) {
  Json items = parse_input(Json::array({Json{{"role", "assistant"}, {"content", "ok"}},
                                        Json{{"type", "function_call_output"}, {"call_id", "call_1"}, {"output", "42"}},
                                        Json{{"type", "function_call"}, {"call_id", "call_1"}, {"name", "f"}, {"arguments", "{}"}}}),
                           "input");
  EXPECT_EQ(items[0]["content"][0]["type"], "output_text");
  EXPECT_EQ(items[0]["content"][0]["annotations"], Json::array());
  mock::core::IdGenerator ids(1);
  mock::responses::assign_ids(items, ids);
  EXPECT_TRUE(items[0]["id"].get<std::string>().starts_with("msg_"));
  EXPECT_TRUE(items[1]["id"].get<std::string>().starts_with("fco_"));
  EXPECT_TRUE(items[2]["id"].get<std::string>().starts_with("fc_"));
  EXPECT_EQ(items[1]["status"], "completed");
}

TEST(ResponseItems, BadItemsAreNamedByTheirPath) {
  using tests::support::expect_api_error;
  using tests::support::thrown_api_error;
  expect_api_error(thrown_api_error([] { parse_input(Json::array({Json{{"role", "user"}, {"content", 1}}}), "input"); }),
                   400, "Invalid type for 'input[0].content': expected a string or an array, but got an integer instead.",
                   "input[0].content", "invalid_type");
  expect_api_error(
      thrown_api_error([] {
        parse_input(Json::array({Json{{"role", "user"}, {"content", Json::array({Json{{"type", "output_text"}, {"text", "x"}}})}}}),
                    "input");
      }),
      400, "Invalid value: 'output_text'. Supported values are: 'input_text', 'input_image', and 'input_file'.",
      "input[0].content[0].type", "invalid_value");
  expect_api_error(thrown_api_error([] { parse_input(Json::array({Json{{"type", "telepathy"}}}), "input"); }), 400,
                   "Invalid value: 'telepathy'. Supported values are: 'message', 'function_call', "
                   "'function_call_output', 'item_reference', 'code_interpreter_call', 'file_search_call', "
                   "'reasoning', and 'compaction'.",
                   "input[0].type", "invalid_value");
  expect_api_error(thrown_api_error([] { parse_items(Json::array({Json{{"type", "function_call_output"}, {"output", "x"}}}), "items"); }),
                   400, "Missing required parameter: 'items[0].call_id'.", "items[0].call_id",
                   "missing_required_parameter");
}

}  // namespace
