#include <string>

#include <gtest/gtest.h>

#include "mock/assistants/params/request_params.hpp"
#include "tests/support/api_error_matchers.hpp"

namespace {
using mock::Json;
using namespace mock::assistants;
using tests::support::expect_api_error;
using tests::support::thrown_api_error;

Json run_body(const Json& extra = Json::object()) {
  Json body = {{"assistant_id", "asst_abc"}};
  body.update(extra);
  return body;
}

std::string param_of_create_run(const Json& extra) {
  return thrown_api_error([&] { parse_create_run(run_body(extra)); }).param().value_or("");
}

// ---------------------------------------------------------------- create run

TEST(CreateRunParams, AssistantIdIsRequiredWithItsPrefix) {
  expect_api_error(thrown_api_error([] { parse_create_run(Json::object()); }), 400,
                   "Missing required parameter: 'assistant_id'.", "assistant_id",
                   "missing_required_parameter");
  expect_api_error(thrown_api_error([] { parse_create_run(Json{{"assistant_id", "undefined"}}); }),
                   400,
                   "Invalid 'assistant_id': 'undefined'. Expected an ID that begins with 'asst'.",
                   "assistant_id", "invalid_value");
}

TEST(CreateRunParams, MinimalBody) {
  const Json out = parse_create_run(run_body());
  EXPECT_EQ(out["assistant_id"], "asst_abc");
  EXPECT_EQ(out["additional_messages"], Json::array());
}

TEST(CreateRunParams, OverridesAreKept) {
  const Json out = parse_create_run(run_body(
      {{"model", "gpt-4o-mini"},
       {"instructions", "Address the user as Jane Doe."},
       {"additional_instructions", "Be brief."},
       {"tools", Json::array({Json{{"type", "code_interpreter"}}})},
       {"metadata", {{"k", "v"}}},
       {"temperature", 0.5},
       {"top_p", 0.5},
       {"max_prompt_tokens", 256},
       {"max_completion_tokens", 1000},
       {"truncation_strategy", {{"type", "last_messages"}, {"last_messages", 2}}},
       {"tool_choice", "none"},
       {"parallel_tool_calls", false},
       {"response_format", "auto"},
       {"reasoning_effort", "low"}}));
  EXPECT_EQ(out["model"], "gpt-4o-mini");
  EXPECT_EQ(out["instructions"], "Address the user as Jane Doe.");
  EXPECT_EQ(out["additional_instructions"], "Be brief.");
  EXPECT_EQ(out["tools"][0]["type"], "code_interpreter");
  EXPECT_EQ(out["max_prompt_tokens"], 256);
  EXPECT_EQ(out["truncation_strategy"]["last_messages"], 2);
  EXPECT_EQ(out["tool_choice"], "none");
  EXPECT_EQ(out["parallel_tool_calls"], false);
  EXPECT_EQ(out["reasoning_effort"], "low");
}

TEST(CreateRunParams, Limits) {
  Json tools = Json::array();
  for (int i = 0; i < 21; ++i) tools.push_back(Json{{"type", "code_interpreter"}});
  EXPECT_EQ(param_of_create_run({{"tools", tools}}), "tools");
  EXPECT_EQ(param_of_create_run({{"max_prompt_tokens", 255}}), "max_prompt_tokens");
  EXPECT_EQ(param_of_create_run({{"max_completion_tokens", 100}}), "max_completion_tokens");
  EXPECT_EQ(param_of_create_run({{"temperature", 3}}), "temperature");
  EXPECT_EQ(param_of_create_run({{"parallel_tool_calls", nullptr}}), "parallel_tool_calls");
  EXPECT_EQ(param_of_create_run({{"stream", "yes"}}), "stream");
  EXPECT_EQ(param_of_create_run({{"model", 4}}), "model");
  EXPECT_EQ(param_of_create_run({{"file_ids", Json::array()}}), "file_ids");
  EXPECT_EQ(param_of_create_run({{"thread", Json::object()}}), "thread");
}

TEST(CreateRunParams, AdditionalMessagesAreNormalisedAndNamedInErrors) {
  const Json out = parse_create_run(run_body(
      {{"additional_messages", Json::array({Json{{"role", "user"}, {"content", "more"}}})}}));
  ASSERT_EQ(out["additional_messages"].size(), 1U);
  EXPECT_EQ(out["additional_messages"][0]["content"][0]["text"]["value"], "more");
  expect_api_error(
      thrown_api_error([] {
        parse_create_run(run_body({{"additional_messages", Json::array({Json{{"content", "x"}}})}}));
      }),
      400, "Missing required parameter: 'additional_messages[0].role'.",
      "additional_messages[0].role", "missing_required_parameter");
}

// ---------------------------------------------------------------- create thread and run

TEST(CreateThreadAndRunParams, ThreadDefaultsToAnEmptyThread) {
  const Json out = parse_create_thread_and_run(Json{{"assistant_id", "asst_abc"}});
  EXPECT_EQ(out["thread"], (Json{{"messages", Json::array()}, {"tool_resources", Json::object()},
                                 {"metadata", Json::object()}}));
  EXPECT_EQ(parse_create_thread_and_run(Json{{"assistant_id", "asst_abc"}, {"thread", nullptr}})["thread"]
                ["messages"],
            Json::array());
}

TEST(CreateThreadAndRunParams, ThreadErrorsCarryTheThreadPath) {
  expect_api_error(
      thrown_api_error([] {
        parse_create_thread_and_run(
            Json{{"assistant_id", "asst_abc"},
                 {"thread", {{"messages", Json::array({Json{{"role", "user"}}})}}}});
      }),
      400, "Missing required parameter: 'thread.messages[0].content'.",
      "thread.messages[0].content", "missing_required_parameter");
}

TEST(CreateThreadAndRunParams, AdditionalInstructionsAreNotAccepted) {
  // FACTS.md §3.2: CreateThreadAndRunRequest has no additional_instructions.
  expect_api_error(thrown_api_error([] {
                     parse_create_thread_and_run(
                         Json{{"assistant_id", "asst_abc"}, {"additional_instructions", "x"}});
                   }),
                   400, "Unknown parameter: 'additional_instructions'.", "additional_instructions",
                   "unknown_parameter");
  EXPECT_EQ(thrown_api_error([] {
              parse_create_thread_and_run(
                  Json{{"assistant_id", "asst_abc"}, {"additional_messages", Json::array()}});
            }).code(),
            "unknown_parameter");
}

TEST(CreateThreadAndRunParams, ToolResourcesAreIdsOnly) {
  const Json out = parse_create_thread_and_run(
      Json{{"assistant_id", "asst_abc"},
           {"tool_resources", {{"code_interpreter", {{"file_ids", {"file-1"}}}}}}});
  EXPECT_EQ(out["tool_resources"]["code_interpreter"]["file_ids"][0], "file-1");
  EXPECT_EQ(thrown_api_error([] {
              parse_create_thread_and_run(
                  Json{{"assistant_id", "asst_abc"},
                       {"tool_resources",
                        {{"file_search", {{"vector_stores", Json::array({Json::object()})}}}}}});
            }).code(),
            "unknown_parameter");
}

TEST(CreateThreadAndRunParams, AssistantIdIsRequired) {
  EXPECT_EQ(thrown_api_error([] { parse_create_thread_and_run(Json::object()); }).param(),
            "assistant_id");
}

// ---------------------------------------------------------------- submit tool outputs

TEST(SubmitToolOutputsParams, OutputsAreRequiredAndComplete) {
  expect_api_error(thrown_api_error([] { parse_submit_tool_outputs(Json::object()); }), 400,
                   "Missing required parameter: 'tool_outputs'.", "tool_outputs",
                   "missing_required_parameter");
  expect_api_error(thrown_api_error([] {
                     parse_submit_tool_outputs(
                         Json{{"tool_outputs", Json::array({Json{{"tool_call_id", "call_1"}}})}});
                   }),
                   400, "Missing required parameter: 'tool_outputs[0].output'.",
                   "tool_outputs[0].output", "missing_required_parameter");
  const Json out = parse_submit_tool_outputs(Json{
      {"tool_outputs", Json::array({Json{{"tool_call_id", "call_1"}, {"output", "42"}}})}});
  EXPECT_EQ(out["tool_outputs"][0], (Json{{"tool_call_id", "call_1"}, {"output", "42"}}));
  EXPECT_EQ(thrown_api_error([] { parse_submit_tool_outputs(Json{{"tool_outputs", nullptr}}); })
                .code(),
            "invalid_type");
}

}  // namespace
