// Assistant bodies as the handlers read them: what was sent, what was sent as null, and what
// was left out are three different things; errors keep the service's wording.
#include <string>

#include <gtest/gtest.h>

#include "mock/assistants/params/assistant_request.hpp"
#include "tests/support/api_error_matchers.hpp"

namespace {
using mock::Json;
using mock::assistants::ApiVersion;
using mock::assistants::AssistantFields;
using mock::assistants::read_create_assistant;
using mock::assistants::read_modify_assistant;
using tests::support::expect_api_error;
using tests::support::thrown_api_error;

TEST(ReadCreateAssistant, MinimalBodySetsOnlyTheModel) {
  const AssistantFields fields = read_create_assistant(Json{{"model", "gpt-4o"}}, ApiVersion::v2);
  EXPECT_EQ(fields.model, "gpt-4o");
  EXPECT_FALSE(fields.name);
  EXPECT_FALSE(fields.description);
  EXPECT_FALSE(fields.instructions);
  EXPECT_FALSE(fields.reasoning_effort);
  EXPECT_FALSE(fields.tools);
  EXPECT_FALSE(fields.tool_resources);
  EXPECT_FALSE(fields.file_ids);
  EXPECT_FALSE(fields.metadata);
  EXPECT_FALSE(fields.temperature);
  EXPECT_FALSE(fields.top_p);
  EXPECT_FALSE(fields.response_format);
}

TEST(ReadCreateAssistant, ValuesAreTyped) {
  const Json body = {{"model", "gpt-4o"},
                     {"name", "Helper"},
                     {"description", "d"},
                     {"instructions", "Be brief."},
                     {"reasoning_effort", "low"},
                     {"tools", Json::array({Json{{"type", "code_interpreter"}}})},
                     {"metadata", {{"team", "a"}}},
                     {"temperature", 0.2},
                     {"top_p", 0.9},
                     {"response_format", "auto"}};
  const AssistantFields fields = read_create_assistant(body, ApiVersion::v2);
  ASSERT_TRUE(fields.name);
  EXPECT_EQ(*fields.name, "Helper");
  EXPECT_EQ(*fields.description, "d");
  EXPECT_EQ(*fields.instructions, "Be brief.");
  EXPECT_EQ(*fields.reasoning_effort, "low");
  EXPECT_EQ(*fields.tools, (Json::array({Json{{"type", "code_interpreter"}}})));
  EXPECT_EQ(*fields.metadata, (Json{{"team", "a"}}));
  ASSERT_TRUE(fields.temperature);
  EXPECT_EQ(*fields.temperature, 0.2);
  EXPECT_EQ(*fields.top_p, 0.9);
  EXPECT_EQ(*fields.response_format, "auto");
}

TEST(ReadModifyAssistant, NullIsSentAndClears) {
  const Json body = {{"name", nullptr},        {"instructions", nullptr}, {"metadata", nullptr},
                     {"temperature", nullptr}, {"top_p", nullptr}};
  const AssistantFields fields = read_modify_assistant(body, ApiVersion::v2);
  EXPECT_FALSE(fields.model);
  ASSERT_TRUE(fields.name);  // sent ...
  EXPECT_FALSE(*fields.name);  // ... as null
  ASSERT_TRUE(fields.instructions);
  EXPECT_FALSE(*fields.instructions);
  EXPECT_FALSE(fields.description);  // not sent
  ASSERT_TRUE(fields.metadata);
  EXPECT_EQ(*fields.metadata, Json::object());  // null metadata clears the map
  ASSERT_TRUE(fields.temperature);
  EXPECT_FALSE(*fields.temperature);
  ASSERT_TRUE(fields.top_p);
  EXPECT_FALSE(*fields.top_p);
}

TEST(ReadModifyAssistant, EmptyBodyChangesNothing) {
  const AssistantFields fields = read_modify_assistant(Json::object(), ApiVersion::v2);
  EXPECT_FALSE(fields.model);
  EXPECT_FALSE(fields.name);
  EXPECT_FALSE(fields.metadata);
  EXPECT_FALSE(fields.tool_resources);
}

TEST(ReadCreateAssistant, V1FileIdsAndRetrieval) {
  const Json body = {{"model", "gpt-4"},
                     {"file_ids", {"file-a", "file-b"}},
                     {"tools", Json::array({Json{{"type", "retrieval"}}})}};
  const AssistantFields fields = read_create_assistant(body, ApiVersion::v1);
  ASSERT_TRUE(fields.file_ids);
  EXPECT_EQ(*fields.file_ids, (Json{"file-a", "file-b"}));
  ASSERT_TRUE(fields.tools);
  EXPECT_EQ((*fields.tools)[0]["type"], "file_search");  // v1's retrieval is stored as file_search
  EXPECT_FALSE(fields.tool_resources);
}

TEST(ReadModifyAssistant, V1NullFileIdsRemovesEveryFile) {
  const AssistantFields fields = read_modify_assistant(Json{{"file_ids", nullptr}}, ApiVersion::v1);
  ASSERT_TRUE(fields.file_ids);
  EXPECT_EQ(*fields.file_ids, Json::array());
}

TEST(ReadCreateAssistant, ToolResourcesAreNormalised) {
  const Json body = {{"model", "m"}, {"tool_resources", {{"code_interpreter", Json::object()}}}};
  const AssistantFields fields = read_create_assistant(body, ApiVersion::v2);
  ASSERT_TRUE(fields.tool_resources);
  EXPECT_EQ(*fields.tool_resources, (Json{{"code_interpreter", {{"file_ids", Json::array()}}}}));
}

TEST(ReadCreateAssistant, ErrorsKeepTheServiceWording) {
  expect_api_error(thrown_api_error([] { read_create_assistant(Json::object(), ApiVersion::v2); }),
                   400, "Missing required parameter: 'model'.", "model",
                   "missing_required_parameter");
  expect_api_error(thrown_api_error([] {
                     read_create_assistant(Json{{"model", "m"}, {"file_ids", Json::array()}},
                                           ApiVersion::v2);
                   }),
                   400, "Unknown parameter: 'file_ids'.", "file_ids", "unknown_parameter");
  expect_api_error(
      thrown_api_error([] { read_modify_assistant(Json{{"model", nullptr}}, ApiVersion::v2); }), 400,
      "Invalid type for 'model': expected a string, but got null instead.", "model", "invalid_type");
}

}  // namespace
