// Run bodies as the run handlers read them: the messages they carry come typed, and the
// thread of create-thread-and-run is a NewThread.
#include <gtest/gtest.h>

#include "mock/assistants/params/run_request.hpp"
#include "tests/support/api_error_matchers.hpp"

namespace {
using mock::Json;
using namespace mock::assistants;
using tests::support::expect_api_error;
using tests::support::thrown_api_error;

TEST(ReadCreateRun, AdditionalMessagesAreTyped) {
  const Json body = {{"assistant_id", "asst_abc"},
                     {"additional_messages", Json::array({Json{{"role", "user"}, {"content", "hi"}}})}};
  const CreateRunParams params = read_create_run(body, ApiVersion::v2);
  EXPECT_EQ(params.run.assistant_id, "asst_abc");
  ASSERT_EQ(params.additional_messages.size(), 1U);
  EXPECT_EQ(params.additional_messages[0].role, Role::user);
  EXPECT_EQ(params.additional_messages[0].content[0].value, "hi");
}

TEST(ReadCreateThreadAndRun, TheThreadIsTyped) {
  const Json body = {{"assistant_id", "asst_abc"},
                     {"thread", {{"messages", Json::array({Json{{"role", "user"}, {"content", "q"}}})},
                                 {"metadata", nullptr}}}};
  const CreateThreadAndRunParams params = read_create_thread_and_run(body, ApiVersion::v2);
  ASSERT_EQ(params.thread.messages.size(), 1U);
  EXPECT_EQ(params.thread.messages[0].content[0].value, "q");
  EXPECT_EQ(params.thread.metadata, Json::object());
  EXPECT_EQ(params.thread.tool_resources, Json::object());
}

TEST(ReadCreateThreadAndRun, TheRequestsToolResourcesServeAThreadWithNone) {
  const Json resources = {{"code_interpreter", {{"file_ids", {"file-a"}}}}};
  const CreateThreadAndRunParams outer = read_create_thread_and_run(
      Json{{"assistant_id", "asst_abc"}, {"tool_resources", resources}}, ApiVersion::v2);
  EXPECT_EQ(outer.thread.tool_resources, resources);

  const Json own = {{"code_interpreter", {{"file_ids", {"file-b"}}}}};
  const CreateThreadAndRunParams inner = read_create_thread_and_run(
      Json{{"assistant_id", "asst_abc"}, {"tool_resources", resources}, {"thread", {{"tool_resources", own}}}},
      ApiVersion::v2);
  EXPECT_EQ(inner.thread.tool_resources, own);
}

TEST(ReadCreateThreadAndRun, ThreadErrorsNameTheThreadPath) {
  expect_api_error(thrown_api_error([] {
                     read_create_thread_and_run(
                         Json{{"assistant_id", "asst_abc"}, {"thread", {{"metadata", 3}}}}, ApiVersion::v2);
                   }),
                   400, "Invalid type for 'thread.metadata': expected an object, but got an integer instead.",
                   "thread.metadata", "invalid_type");
}

}  // namespace
