// Thread bodies and the metadata-only bodies as the handlers read them.
#include <string>

#include <gtest/gtest.h>

#include "mock/assistants/params/thread_request.hpp"
#include "tests/support/api_error_matchers.hpp"

namespace {
using mock::Json;
using namespace mock::assistants;
using tests::support::expect_api_error;
using tests::support::thrown_api_error;

TEST(ReadCreateThread, EmptyBodyGivesAnEmptyThread) {
  const NewThread thread = read_create_thread(Json::object(), ApiVersion::v2);
  EXPECT_TRUE(thread.messages.empty());
  EXPECT_EQ(thread.tool_resources, Json::object());
  EXPECT_EQ(thread.metadata, Json::object());
}

TEST(ReadCreateThread, MessagesAreTypedInOrder) {
  const Json body = {{"messages", Json::array({Json{{"role", "user"}, {"content", "one"}},
                                               Json{{"role", "assistant"}, {"content", "two"}}})},
                     {"metadata", {{"k", "v"}}}};
  const NewThread thread = read_create_thread(body, ApiVersion::v2);
  ASSERT_EQ(thread.messages.size(), 2U);
  EXPECT_EQ(thread.messages[0].role, Role::user);
  ASSERT_EQ(thread.messages[0].content.size(), 1U);
  EXPECT_EQ(thread.messages[0].content[0].value, "one");
  EXPECT_EQ(thread.messages[1].role, Role::assistant);
  EXPECT_TRUE(thread.messages[0].attachments.is_null());  // none: null, shown as []
  EXPECT_EQ(thread.metadata, (Json{{"k", "v"}}));
}

TEST(ReadCreateThread, NullMetadataIsAnEmptyMap) {
  EXPECT_EQ(read_create_thread(Json{{"metadata", nullptr}}, ApiVersion::v2).metadata, Json::object());
}

TEST(ReadCreateThread, V1MessageFileIdsBecomeFileSearchAttachments) {
  const Json body = {
      {"messages", Json::array({Json{{"role", "user"}, {"content", "hi"}, {"file_ids", {"file-a"}}}})}};
  const NewThread thread = read_create_thread(body, ApiVersion::v1);
  ASSERT_EQ(thread.messages.size(), 1U);
  EXPECT_EQ(thread.messages[0].attachments,
            Json::array({Json{{"file_id", "file-a"}, {"tools", Json::array({Json{{"type", "file_search"}}})}}}));
}

TEST(ReadCreateThread, ErrorsKeepTheServiceWording) {
  expect_api_error(thrown_api_error([] {
                     read_create_thread(Json{{"messages", Json::array({Json{{"role", "user"}}})}},
                                        ApiVersion::v2);
                   }),
                   400, "Missing required parameter: 'messages[0].content'.", "messages[0].content",
                   "missing_required_parameter");
  expect_api_error(
      thrown_api_error([] { read_create_thread(Json{{"tool_resources", Json::object()}}, ApiVersion::v1); }),
      400, "Unknown parameter: 'tool_resources'.", "tool_resources", "unknown_parameter");
}

TEST(ReadModifyThread, AbsentNullAndValue) {
  const ThreadUpdate untouched = read_modify_thread(Json::object(), ApiVersion::v2);
  EXPECT_FALSE(untouched.metadata);
  EXPECT_FALSE(untouched.tool_resources);

  const ThreadUpdate cleared = read_modify_thread(Json{{"metadata", nullptr}}, ApiVersion::v2);
  ASSERT_TRUE(cleared.metadata);
  EXPECT_EQ(*cleared.metadata, Json::object());

  const ThreadUpdate set = read_modify_thread(
      Json{{"metadata", {{"a", "b"}}}, {"tool_resources", {{"code_interpreter", {{"file_ids", {"file-a"}}}}}}},
      ApiVersion::v2);
  EXPECT_EQ(*set.metadata, (Json{{"a", "b"}}));
  EXPECT_EQ(*set.tool_resources, (Json{{"code_interpreter", {{"file_ids", {"file-a"}}}}}));
}

TEST(ReadModifyThread, ErrorsKeepTheServiceWording) {
  expect_api_error(
      thrown_api_error([] { read_modify_thread(Json{{"messages", Json::array()}}, ApiVersion::v2); }),
      400, "Unknown parameter: 'messages'.", "messages", "unknown_parameter");
}

TEST(ReadModifyMetadataOnly, AbsentNullAndValue) {
  EXPECT_FALSE(read_modify_metadata_only(Json::object()).metadata);
  EXPECT_EQ(read_modify_metadata_only(Json{{"metadata", nullptr}}).metadata, Json::object());
  EXPECT_EQ(read_modify_metadata_only(Json{{"metadata", {{"a", "b"}}}}).metadata, (Json{{"a", "b"}}));
  expect_api_error(thrown_api_error([] { read_modify_metadata_only(Json{{"content", "x"}}); }), 400,
                   "Unknown parameter: 'content'.", "content", "unknown_parameter");
}

}  // namespace
