#include "mock/assistants/model/wire.hpp"
#include "mock/assistants/model/message_content.hpp"

#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {
using namespace mock::assistants;
using mock::Json;

std::set<std::string> keys_of(const Json& object) {
  std::set<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.insert(key);
  return keys;
}

// The required properties of the v2 objects (openapi-v2-2026-08-21, flattened in
// ../shared/ref/flat/flat-v2-head-2026-08-21.txt): every one must be on the wire.
const std::set<std::string> k_assistant_required = {
    "id", "object", "created_at", "name", "description", "model", "instructions", "tools",
    "metadata"};
const std::set<std::string> k_thread_required = {"id", "object", "created_at", "tool_resources",
                                                 "metadata"};
const std::set<std::string> k_message_required = {
    "id",           "object",       "created_at", "thread_id", "status",     "incomplete_details",
    "completed_at", "incomplete_at", "role",      "content",   "assistant_id", "run_id",
    "attachments",  "metadata"};
const std::set<std::string> k_run_required = {
    "id",          "object",        "created_at",          "thread_id",
    "assistant_id", "status",       "required_action",     "last_error",
    "expires_at",  "started_at",    "cancelled_at",        "failed_at",
    "completed_at", "incomplete_details", "model",         "instructions",
    "tools",       "metadata",      "usage",               "max_prompt_tokens",
    "max_completion_tokens", "truncation_strategy", "tool_choice", "parallel_tool_calls",
    "response_format"};
const std::set<std::string> k_step_required = {
    "id",     "object",     "created_at", "assistant_id", "thread_id",   "run_id",
    "type",   "status",     "step_details", "last_error", "expired_at", "cancelled_at",
    "failed_at", "completed_at", "metadata", "usage"};

void expect_has_all(const Json& wire, const std::set<std::string>& required) {
  const auto keys = keys_of(wire);
  for (const auto& key : required) EXPECT_EQ(keys.count(key), 1U) << "missing " << key;
}

TEST(Wire, AssistantHasEveryRequiredFieldAndDefaults) {
  Assistant a;
  a.id = "asst_1";
  a.created_at = 1700000000;
  a.model = "gpt-4o";
  const Json wire = to_wire(a);
  expect_has_all(wire, k_assistant_required);
  EXPECT_EQ(wire["object"], "assistant");
  EXPECT_EQ(wire["created_at"], 1700000000);
  EXPECT_TRUE(wire["name"].is_null());
  EXPECT_TRUE(wire["description"].is_null());
  EXPECT_TRUE(wire["instructions"].is_null());
  EXPECT_EQ(wire["tools"], Json::array());
  EXPECT_EQ(wire["tool_resources"], Json::object());
  EXPECT_EQ(wire["metadata"], Json::object());
  EXPECT_EQ(wire["temperature"], 1.0);
  EXPECT_EQ(wire["top_p"], 1.0);
  EXPECT_EQ(wire["response_format"], "auto");
  EXPECT_FALSE(wire.contains("reasoning_effort"));  // only when set
  EXPECT_FALSE(wire.contains("file_ids"));          // v1 only
  EXPECT_EQ(wire.begin().key(), "id");
}

TEST(Wire, AssistantCarriesItsFields) {
  Assistant a;
  a.id = "asst_1";
  a.model = "gpt-4o";
  a.name = "Math Tutor";
  a.instructions = "Be brief.";
  a.reasoning_effort = "low";
  a.tools = Json::array({Json{{"type", "code_interpreter"}}});
  a.metadata = Json{{"k", "v"}};
  const Json wire = to_wire(a);
  EXPECT_EQ(wire["name"], "Math Tutor");
  EXPECT_EQ(wire["instructions"], "Be brief.");
  EXPECT_EQ(wire["reasoning_effort"], "low");
  EXPECT_EQ(wire["tools"][0]["type"], "code_interpreter");
  EXPECT_EQ(wire["metadata"]["k"], "v");
}

TEST(Wire, Thread) {
  Thread t;
  t.id = "thread_1";
  t.created_at = 5;
  const Json wire = to_wire(t);
  EXPECT_EQ(keys_of(wire), k_thread_required);
  EXPECT_EQ(wire["object"], "thread");
  EXPECT_EQ(wire["tool_resources"], Json::object());
}

TEST(Wire, UserMessageHasNullAssistantAndRun) {
  Message m;
  m.id = "msg_1";
  m.thread_id = "thread_1";
  m.created_at = 7;
  m.completed_at = 7;
  m.content = {text_part("hi")};
  const Json wire = to_wire(m);
  EXPECT_EQ(keys_of(wire), k_message_required);
  EXPECT_EQ(wire["object"], "thread.message");
  EXPECT_EQ(wire["role"], "user");
  EXPECT_EQ(wire["status"], "completed");
  EXPECT_TRUE(wire["assistant_id"].is_null());  // FACTS.md §9.10
  EXPECT_TRUE(wire["run_id"].is_null());
  EXPECT_TRUE(wire["incomplete_details"].is_null());
  EXPECT_TRUE(wire["incomplete_at"].is_null());
  EXPECT_EQ(wire["completed_at"], 7);
  EXPECT_EQ(wire["content"][0]["text"]["value"], "hi");
  EXPECT_EQ(wire["content"][0]["text"]["annotations"], Json::array());
  // Kept as null, shown empty.
  EXPECT_EQ(wire["attachments"], Json::array());
  EXPECT_EQ(wire["metadata"], Json::object());
  EXPECT_EQ(to_wire(m, ApiVersion::v1)["file_ids"], Json::array());
  EXPECT_EQ(to_wire(m, ApiVersion::v1)["metadata"], Json::object());
}

TEST(Wire, AssistantMessageNamesItsRun) {
  Message m;
  m.id = "msg_2";
  m.role = Role::assistant;
  m.assistant_id = "asst_1";
  m.run_id = "run_1";
  m.status = MessageStatus::incomplete;
  m.incomplete_details = Json{{"reason", "run_cancelled"}};
  const Json wire = to_wire(m);
  EXPECT_EQ(wire["role"], "assistant");
  EXPECT_EQ(wire["assistant_id"], "asst_1");
  EXPECT_EQ(wire["run_id"], "run_1");
  EXPECT_EQ(wire["status"], "incomplete");
  EXPECT_EQ(wire["incomplete_details"]["reason"], "run_cancelled");
}

TEST(Wire, RunHasEveryRequiredFieldAndNoV1Fields) {
  mock::assistants::Run r;
  r.id = "run_1";
  r.thread_id = "thread_1";
  r.assistant_id = "asst_1";
  r.created_at = 100;
  r.expires_at = 700;
  r.model = "gpt-4o";
  const Json wire = to_wire(r);
  expect_has_all(wire, k_run_required);
  EXPECT_FALSE(wire.contains("file_ids"));
  EXPECT_EQ(wire["object"], "thread.run");
  EXPECT_EQ(wire["status"], "queued");
  EXPECT_EQ(wire["expires_at"], 700);
  EXPECT_TRUE(wire["started_at"].is_null());
  EXPECT_TRUE(wire["completed_at"].is_null());
  EXPECT_TRUE(wire["usage"].is_null());
  EXPECT_TRUE(wire["required_action"].is_null());
  EXPECT_TRUE(wire["last_error"].is_null());
  EXPECT_EQ(wire["truncation_strategy"], (Json{{"type", "auto"}, {"last_messages", nullptr}}));
  EXPECT_EQ(wire["tool_choice"], "auto");
  EXPECT_EQ(wire["parallel_tool_calls"], true);
  EXPECT_EQ(wire["instructions"], "");
}

TEST(Wire, RunStepHasEveryRequiredField) {
  RunStep s;
  s.id = "step_1";
  s.run_id = "run_1";
  s.thread_id = "thread_1";
  s.assistant_id = "asst_1";
  s.step_details = Json{{"type", "message_creation"}, {"message_creation", {{"message_id", "msg_1"}}}};
  const Json wire = to_wire(s);
  EXPECT_EQ(keys_of(wire), k_step_required);
  EXPECT_EQ(wire["object"], "thread.run.step");
  EXPECT_EQ(wire["type"], "message_creation");
  EXPECT_EQ(wire["status"], "in_progress");
  EXPECT_FALSE(wire.contains("expires_at"));  // the spec declares expired_at only
  EXPECT_EQ(wire["step_details"]["message_creation"]["message_id"], "msg_1");
}

TEST(Wire, DeletedEnvelope) {
  EXPECT_EQ(deleted_wire("asst_1", "assistant").dump(),
            R"({"id":"asst_1","object":"assistant.deleted","deleted":true})");
  EXPECT_EQ(deleted_wire("msg_1", "thread.message")["object"], "thread.message.deleted");
}

TEST(Wire, ListEnvelopeOfAPage) {
  Thread a;
  a.id = "thread_a";
  Thread b;
  b.id = "thread_b";
  mock::core::Page<Thread> page;
  page.items = {&a, &b};
  page.has_more = true;
  const Json wire = list_wire(page);
  std::vector<std::string> keys;
  for (const auto& [key, value] : wire.items()) keys.push_back(key);
  EXPECT_THAT(keys, ::testing::ElementsAre("object", "data", "first_id", "last_id", "has_more"));
  EXPECT_EQ(wire["object"], "list");
  ASSERT_EQ(wire["data"].size(), 2U);
  EXPECT_EQ(wire["data"][0], to_wire(a));
  EXPECT_EQ(wire["first_id"], "thread_a");
  EXPECT_EQ(wire["last_id"], "thread_b");
  EXPECT_EQ(wire["has_more"], true);
}

TEST(Wire, EmptyListHasNullCursors) {
  const Json wire = list_wire(mock::core::Page<Thread>{});
  EXPECT_EQ(wire["data"], Json::array());
  EXPECT_TRUE(wire["first_id"].is_null());
  EXPECT_TRUE(wire["last_id"].is_null());
  EXPECT_EQ(wire["has_more"], false);
}

}  // namespace
