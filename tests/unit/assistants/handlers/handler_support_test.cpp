#include "mock/assistants/handlers/handler_support.hpp"

#include <string>

#include <gtest/gtest.h>

#include "tests/support/api_error_matchers.hpp"
#include "tests/support/assistants_harness.hpp"

namespace {
using mock::Json;
using namespace mock::assistants;
using tests::support::AssistantsHarness;
using tests::support::expect_api_error;
using tests::support::thrown_api_error;

TEST(RequireAssistant, WrongPrefixIs400AndUnknownIs404) {
  AssistantsState state;
  expect_api_error(thrown_api_error([&] { require_assistant(state, "undefined"); }), 400,
                   "Invalid 'assistant_id': 'undefined'. Expected an ID that begins with 'asst'.",
                   "assistant_id", "invalid_value");
  expect_api_error(thrown_api_error([&] { require_assistant(state, "asst_nope"); }), 404,
                   "No assistant found with id 'asst_nope'.", std::nullopt, std::nullopt);
  EXPECT_EQ(thrown_api_error([&] { require_assistant(state, "x", "assistant"); }).param(),
            "assistant");
}

TEST(RequireAssistant, FindsTheStoredAssistant) {
  AssistantsState state;
  Assistant a;
  a.id = "asst_1";
  state.assistants.insert(a);
  EXPECT_EQ(&require_assistant(state, "asst_1"), state.assistants.find("asst_1"));
}

TEST(RequireThread, PrefixAndNotFound) {
  AssistantsHarness harness;
  AssistantsState state;
  expect_api_error(thrown_api_error([&] { require_thread(state, harness.services(), "undefined"); }),
                   400,
                   "Invalid 'thread_id': 'undefined'. Expected an ID that begins with 'thread'.",
                   "thread_id", "invalid_value");
  expect_api_error(thrown_api_error([&] { require_thread(state, harness.services(), "thread_x"); }),
                   404, "No thread found with id 'thread_x'.", std::nullopt, std::nullopt);
}

TEST(RequireMessageRunStep, PrefixesAndNotFound) {
  Thread thread;
  mock::assistants::Run run;
  expect_api_error(thrown_api_error([&] { require_message(thread, "run_x"); }), 400,
                   "Invalid 'message_id': 'run_x'. Expected an ID that begins with 'msg'.",
                   "message_id", "invalid_value");
  expect_api_error(thrown_api_error([&] { require_message(thread, "msg_x"); }), 404,
                   "No message found with id 'msg_x'.", std::nullopt, std::nullopt);
  expect_api_error(thrown_api_error([&] { require_run(thread, "msg_x"); }), 400,
                   "Invalid 'run_id': 'msg_x'. Expected an ID that begins with 'run'.", "run_id",
                   "invalid_value");
  expect_api_error(thrown_api_error([&] { require_run(thread, "run_x"); }), 404,
                   "No run found with id 'run_x'.", std::nullopt, std::nullopt);
  expect_api_error(thrown_api_error([&] { require_step(run, "step"); }), 400,
                   "Invalid 'step_id': 'step'. Expected an ID that begins with 'step'.", "step_id",
                   "invalid_value");
  EXPECT_EQ(thrown_api_error([&] { require_step(run, "step_x"); }).status(), 404);
}

TEST(ListResponse, UnknownCursorIs400) {
  mock::core::OrderedCollection<Assistant> collection;
  mock::http::ApiRequest request;
  request.query = {{"after", "asst_missing"}};
  expect_api_error(thrown_api_error([&] { list_response(collection, request); }), 400,
                   "Invalid 'after': no object with id 'asst_missing' in this list.", "after",
                   "invalid_value");
}

TEST(AppendClientMessage, StampsAndStoresTheMessage) {
  AssistantsHarness harness;
  Thread thread;
  thread.id = "thread_1";
  Json fields = {{"role", "user"},
                       {"content", Json::array({Json{{"type", "text"},
                                                     {"text", {{"value", "hi"}, {"annotations", Json::array()}}}}})},
                       {"attachments", Json::array()},
                       {"metadata", {{"k", "v"}}}};
  const Message& message =
      append_client_message(thread, new_message_from_fields(fields), harness.services());
  EXPECT_TRUE(message.id.starts_with("msg_"));
  EXPECT_EQ(message.thread_id, "thread_1");
  EXPECT_EQ(message.created_at, tests::support::k_start_ms / 1000);
  EXPECT_EQ(message.completed_at, message.created_at);
  EXPECT_EQ(message.status, MessageStatus::completed);
  EXPECT_EQ(message.role, Role::user);
  EXPECT_FALSE(message.assistant_id.has_value());
  EXPECT_FALSE(message.run_id.has_value());
  EXPECT_EQ(message.metadata["k"], "v");
  EXPECT_EQ(thread.messages.find(message.id), &message);
}

}  // namespace
