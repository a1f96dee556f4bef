#include <string>

#include <gtest/gtest.h>

#include "mock/assistants/params/request_params.hpp"
#include "tests/support/api_error_matchers.hpp"

namespace {
using mock::Json;
using namespace mock::assistants;
using tests::support::expect_api_error;
using tests::support::thrown_api_error;

Json text_part(const std::string& text) {
  return Json{{"type", "text"}, {"text", {{"value", text}, {"annotations", Json::array()}}}};
}

Json metadata_pairs_over_limit() {
  Json metadata = Json::object();
  for (int i = 0; i < 17; ++i) metadata["k" + std::to_string(i)] = "v";
  return metadata;
}

// ---------------------------------------------------------------- create message

TEST(CreateMessageParams, StringContentBecomesOneTextPart) {
  const Json out = parse_create_message(Json{{"role", "user"}, {"content", "Hello"}});
  EXPECT_EQ(out["role"], "user");
  EXPECT_EQ(out["content"], Json::array({text_part("Hello")}));
  EXPECT_EQ(out["attachments"], Json::array());
  EXPECT_EQ(out["metadata"], Json::object());
}

TEST(CreateMessageParams, ArrayContentKeepsEachPart) {
  const Json out = parse_create_message(Json{
      {"role", "assistant"},
      {"content", Json::array({Json{{"type", "text"}, {"text", "a"}},
                               Json{{"type", "image_file"}, {"image_file", {{"file_id", "file-1"}}}},
                               Json{{"type", "image_url"},
                                    {"image_url", {{"url", "https://x/y.png"}, {"detail", "low"}}}}})}});
  ASSERT_EQ(out["content"].size(), 3U);
  EXPECT_EQ(out["content"][0], text_part("a"));
  EXPECT_EQ(out["content"][1], (Json{{"type", "image_file"},
                                     {"image_file", {{"file_id", "file-1"}, {"detail", "auto"}}}}));
  EXPECT_EQ(out["content"][2]["image_url"]["detail"], "low");
  EXPECT_EQ(out["role"], "assistant");
}

TEST(CreateMessageParams, RoleIsRequiredAndUserOrAssistant) {
  expect_api_error(thrown_api_error([] { parse_create_message(Json{{"content", "x"}}); }), 400,
                   "Missing required parameter: 'role'.", "role", "missing_required_parameter");
  expect_api_error(
      thrown_api_error([] { parse_create_message(Json{{"role", "system"}, {"content", "x"}}); }),
      400, "Invalid value: 'system'. Supported values are: 'user' and 'assistant'.", "role",
      "invalid_value");
}

TEST(CreateMessageParams, ContentIsRequiredAndNonEmpty) {
  expect_api_error(thrown_api_error([] { parse_create_message(Json{{"role", "user"}}); }), 400,
                   "Missing required parameter: 'content'.", "content",
                   "missing_required_parameter");
  expect_api_error(
      thrown_api_error([] { parse_create_message(Json{{"role", "user"}, {"content", Json::array()}}); }),
      400,
      "Invalid 'content': empty array. Expected an array with minimum length 1, but got an array "
      "with length 0 instead.",
      "content", "empty_array");
  expect_api_error(
      thrown_api_error([] { parse_create_message(Json{{"role", "user"}, {"content", 5}}); }), 400,
      "Invalid type for 'content': expected a string or an array of content parts, but got an "
      "integer instead.",
      "content", "invalid_type");
}

TEST(CreateMessageParams, ContentPartErrorsNameThePart) {
  const auto param_of = [](const Json& part) {
    return thrown_api_error([&] {
             parse_create_message(Json{{"role", "user"}, {"content", Json::array({part})}});
           })
        .param()
        .value_or("");
  };
  EXPECT_EQ(param_of(Json{{"type", "video"}}), "content[0].type");
  EXPECT_EQ(param_of(Json{{"type", "text"}}), "content[0].text");
  EXPECT_EQ(param_of(Json{{"type", "image_file"}}), "content[0].image_file");
  EXPECT_EQ(param_of(Json{{"type", "image_url"}, {"image_url", {{"url", ""}}}}),
            "content[0].image_url.url");
  EXPECT_EQ(param_of(Json{{"type", "text"}, {"text", "x"}, {"extra", 1}}), "content[0].extra");
  expect_api_error(
      thrown_api_error([] {
        parse_create_message(Json{
            {"role", "user"},
            {"content", Json::array({Json{{"type", "image_file"}, {"image_file", {{"file_id", "abc"}}}}})}});
      }),
      400, "Invalid 'content[0].image_file.file_id': 'abc'. Expected an ID that begins with 'file'.",
      "content[0].image_file.file_id", "invalid_value");
  // The details the error lists are the ones the typed content knows (message_content.hpp).
  expect_api_error(
      thrown_api_error([] {
        parse_create_message(Json{
            {"role", "user"},
            {"content", Json::array({Json{{"type", "image_url"},
                                          {"image_url", {{"url", "https://x/y.png"}, {"detail", "medium"}}}}})}});
      }),
      400, "Invalid value: 'medium'. Supported values are: 'auto', 'low', and 'high'.",
      "content[0].image_url.detail", "invalid_value");
}

TEST(CreateMessageParams, AttachmentsAndMetadata) {
  const Json out = parse_create_message(
      Json{{"role", "user"},
           {"content", "x"},
           {"attachments", Json::array({Json{{"file_id", "file-1"},
                                             {"tools", Json::array({Json{{"type", "file_search"}}})}}})},
           {"metadata", {{"k", "v"}}}});
  EXPECT_EQ(out["attachments"][0]["file_id"], "file-1");
  EXPECT_EQ(out["attachments"][0]["tools"][0]["type"], "file_search");
  EXPECT_EQ(out["metadata"]["k"], "v");
  EXPECT_EQ(thrown_api_error([] {
              parse_create_message(Json{{"role", "user"},
                                        {"content", "x"},
                                        {"attachments", Json::array({Json{{"file_id", "f"}}})}});
            }).param(),
            "attachments[0].file_id");
  EXPECT_EQ(thrown_api_error([] {
              parse_create_message(Json{{"role", "user"}, {"content", "x"}, {"file_ids", Json::array()}});
            }).code(),
            "unknown_parameter");
}

TEST(CreateMessageParams, PathPrefixesEveryError) {
  expect_api_error(thrown_api_error([] { parse_create_message(Json::object(), "messages[2]"); }),
                   400, "Missing required parameter: 'messages[2].role'.", "messages[2].role",
                   "missing_required_parameter");
  EXPECT_EQ(thrown_api_error([] {
              parse_create_message(Json{{"role", "user"}, {"content", "x"}, {"metadata", 1}},
                                   "additional_messages[0]");
            }).param(),
            "additional_messages[0].metadata");
}

// ---------------------------------------------------------------- threads

TEST(CreateThreadParams, EmptyBodyGivesDefaults) {
  EXPECT_EQ(parse_create_thread(Json::object()),
            (Json{{"messages", Json::array()}, {"tool_resources", Json::object()},
                  {"metadata", Json::object()}}));
}

TEST(CreateThreadParams, MessagesAreNormalisedInOrder) {
  const Json out = parse_create_thread(
      Json{{"messages", Json::array({Json{{"role", "user"}, {"content", "one"}},
                                     Json{{"role", "assistant"}, {"content", "two"}}})},
           {"metadata", {{"k", "v"}}}});
  ASSERT_EQ(out["messages"].size(), 2U);
  EXPECT_EQ(out["messages"][0]["content"][0]["text"]["value"], "one");
  EXPECT_EQ(out["messages"][1]["role"], "assistant");
  EXPECT_EQ(out["metadata"]["k"], "v");
}

TEST(CreateThreadParams, ErrorsNameTheMessageIndex) {
  expect_api_error(
      thrown_api_error([] {
        parse_create_thread(Json{{"messages", Json::array({Json{{"role", "user"}, {"content", "ok"}},
                                                           Json{{"role", "user"}}})}});
      }),
      400, "Missing required parameter: 'messages[1].content'.", "messages[1].content",
      "missing_required_parameter");
  EXPECT_EQ(thrown_api_error([] { parse_create_thread(Json{{"messages", "hi"}}); }).param(),
            "messages");
  EXPECT_EQ(thrown_api_error([] { parse_create_thread(Json{{"messages", Json::array({"hi"})}}); })
                .param(),
            "messages[0]");
}

TEST(CreateThreadParams, InsideThreadAndRunTheThreadPathPrefixesErrors) {
  EXPECT_EQ(thrown_api_error([] {
              parse_create_thread(Json{{"messages", Json::array({Json{{"content", "x"}}})}}, "thread");
            }).param(),
            "thread.messages[0].role");
  EXPECT_EQ(thrown_api_error([] { parse_create_thread(Json{{"metadata", 3}}, "thread"); }).param(),
            "thread.metadata");
  EXPECT_EQ(thrown_api_error([] { parse_create_thread(Json{{"x", 3}}, "thread"); }).param(),
            "thread.x");
}

TEST(CreateThreadParams, NullMessagesAreNoMessages) {
  EXPECT_EQ(parse_create_thread(Json{{"messages", nullptr}})["messages"], Json::array());
}

TEST(ModifyThreadParams, MetadataAndToolResourcesOnly) {
  EXPECT_EQ(parse_modify_thread(Json::object()), Json::object());
  EXPECT_EQ(parse_modify_thread(Json{{"metadata", {{"a", "b"}}}}), (Json{{"metadata", {{"a", "b"}}}}));
  expect_api_error(thrown_api_error([] { parse_modify_thread(Json{{"messages", Json::array()}}); }),
                   400, "Unknown parameter: 'messages'.", "messages", "unknown_parameter");
}

TEST(ModifyMetadataOnlyParams, AcceptsOnlyMetadata) {
  EXPECT_EQ(parse_modify_metadata_only(Json{{"metadata", {{"a", "b"}}}}),
            (Json{{"metadata", {{"a", "b"}}}}));
  EXPECT_TRUE(parse_modify_metadata_only(Json{{"metadata", nullptr}})["metadata"].is_null());
  expect_api_error(thrown_api_error([] { parse_modify_metadata_only(Json{{"content", "x"}}); }), 400,
                   "Unknown parameter: 'content'.", "content", "unknown_parameter");
  EXPECT_EQ(thrown_api_error([] {
              parse_modify_metadata_only(Json{{"metadata", metadata_pairs_over_limit()}});
            }).code(),
            "object_above_max_properties");
}

}  // namespace
