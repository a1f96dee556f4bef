// The mock under contract, v2: every assistant, thread, message, run and run step endpoint is
// called and every answer (objects, lists, deleted envelopes, errors) must follow the built-in
// v2 schemas. Files and vector stores: mock_contract_v2_resources_test.cpp.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/contracts/support/contract_client.hpp"
#include "tests/contracts/support/mock_fixture.hpp"

namespace contracts::testing {
namespace {

using nlohmann::json;

const json k_function_tool = {{"type", "function"},
                              {"function",
                               {{"name", "get_weather"},
                                {"description", "Weather in a city"},
                                {"parameters", {{"type", "object"}, {"properties", {{"city", {{"type", "string"}}}}}}}}}};

// Rules for the runs below: a function call round trip, a code interpreter step and a
// file_search step with an annotated answer, a failure and a cut-short answer.
const json k_scenario = json::parse(R"json({
  "name": "contract tour",
  "rules": [
    {"when": {"message_contains": "weather"},
     "then": [{"function_call": [{"name": "get_weather", "arguments": {"city": "Paris"}}]},
              {"message": "It is {{tool_output}}."}]},
    {"when": {"message_contains": "solve"},
     "then": [{"code_interpreter": {"input": "print(1)", "logs": "1"}},
              {"file_search": {"results": []}},
              {"message": {"text": "x = 1 [1]", "annotations": []}}]},
    {"when": {"message_contains": "break"}, "then": [{"fail": {"code": "server_error"}}]},
    {"when": {"message_contains": "ramble"}, "then": [{"incomplete": {"reason": "max_completion_tokens"}}]}
  ]
})json");

std::string messages_of(const std::string& thread) { return "/v1/threads/" + thread + "/messages"; }
std::string runs_of(const std::string& thread) { return "/v1/threads/" + thread + "/runs"; }

TEST(MockContractV2, AssistantsThreadsMessagesRunsAndStepsAnswerInShape) {
  RunningMock mock;
  ContractClient api(mock.port(), ApiVersion::v2);
  ASSERT_EQ(api.admin("PUT", "/__admin/scenario", k_scenario).value("loaded", false), true);
  // Set-up: a file and a vector store for the tool resources (their own suite checks them).
  const Answer file = api.upload("notes.txt", "x = 1", "assistants", /*checked=*/false);
  ASSERT_EQ(file.status, 200) << file.body;
  const Answer store = api.post("/v1/vector_stores", {{"name", "notes"}, {"file_ids", {file.id()}}});

  // Assistants.
  const Answer assistant = api.post(
      "/v1/assistants",
      {{"model", "gpt-4o"}, {"name", "Math Tutor"}, {"instructions", "Write and run code."},
       {"tools", {{{"type", "code_interpreter"}}, {{"type", "file_search"}}, k_function_tool}},
       {"tool_resources", {{"code_interpreter", {{"file_ids", {file.id()}}}},
                           {"file_search", {{"vector_store_ids", {store.id()}}}}}},
       {"metadata", {{"team", "contracts"}}}, {"temperature", 0.5}, {"response_format", {{"type", "json_object"}}}});
  ASSERT_EQ(assistant.status, 200) << assistant.body;
  api.get("/v1/assistants?limit=2&order=asc");
  api.get("/v1/assistants/" + assistant.id());
  api.post("/v1/assistants/" + assistant.id(), {{"description", "tutor"}, {"response_format", "auto"}});

  // Threads and messages.
  const Answer thread = api.post("/v1/threads", {{"messages", {{{"role", "user"}, {"content", "hello"}}}},
                                                 {"metadata", {{"k", "v"}}}});
  ASSERT_EQ(thread.status, 200) << thread.body;
  const std::string t = thread.id();
  api.get("/v1/threads/" + t);
  api.post("/v1/threads/" + t, {{"metadata", {{"k", "w"}}}});
  const Answer message = api.post(messages_of(t), {{"role", "user"}, {"content", "please solve 3x + 11 = 14"},
                                                   {"attachments", {{{"file_id", file.id()}, {"tools", {{{"type", "file_search"}}}}}}}});
  api.get(messages_of(t));
  api.get(messages_of(t) + "/" + message.id());
  api.post(messages_of(t) + "/" + message.id(), {{"metadata", {{"seen", "yes"}}}});

  // A run with code interpreter and file search steps.
  const Answer run = api.post(runs_of(t), {{"assistant_id", assistant.id()}, {"additional_instructions", "Be brief."}});
  ASSERT_EQ(run.status, 200) << run.body;
  const Answer done = api.wait_for_run(t, run.id(), {"completed"});
  EXPECT_EQ(done.json.value("status", ""), "completed") << done.body;
  api.get(runs_of(t));
  api.post(runs_of(t) + "/" + run.id(), {{"metadata", {{"checked", "yes"}}}});
  const Answer steps = api.get(runs_of(t) + "/" + run.id() + "/steps");
  ASSERT_TRUE(steps.json.contains("data") && !steps.json["data"].empty()) << steps.body;
  api.get(runs_of(t) + "/" + run.id() + "/steps/" + steps.json["data"][0].value("id", ""));
  api.get(messages_of(t) + "?run_id=" + run.id());

  // A function call: requires_action, then submit_tool_outputs.
  api.post(messages_of(t), {{"role", "user"}, {"content", "what is the weather?"}});
  const Answer call_run = api.post(runs_of(t), {{"assistant_id", assistant.id()}});
  const Answer waiting = api.wait_for_run(t, call_run.id(), {"requires_action"});
  ASSERT_EQ(waiting.json.value("status", ""), "requires_action") << waiting.body;
  const std::string call_id = waiting.json["required_action"]["submit_tool_outputs"]["tool_calls"][0].value("id", "");
  api.post(runs_of(t) + "/" + call_run.id() + "/submit_tool_outputs",
           {{"tool_outputs", {{{"tool_call_id", call_id}, {"output", "22 C"}}}}});
  api.wait_for_run(t, call_run.id(), {"completed"});
  api.get(runs_of(t) + "/" + call_run.id() + "/steps");

  // Create thread and run; it waits for a tool output, so cancelling it cannot race its end.
  const Answer thread_run = api.post("/v1/threads/runs", {{"assistant_id", assistant.id()},
                                                          {"thread", {{"messages", {{{"role", "user"}, {"content", "weather?"}}}}}}});
  ASSERT_EQ(thread_run.status, 200) << thread_run.body;
  const std::string other = thread_run.json.value("thread_id", "");
  api.wait_for_run(other, thread_run.id(), {"requires_action"});
  EXPECT_EQ(api.post(runs_of(other) + "/" + thread_run.id() + "/cancel").status, 200);

  // Deletions.
  api.del(messages_of(t) + "/" + message.id());
  api.del("/v1/threads/" + t);
  api.del("/v1/assistants/" + assistant.id());

  for (const char* prefix : {"/v1/assistants", "/v1/threads"}) {
    EXPECT_THAT(api.uncovered(prefix), ::testing::IsEmpty()) << "not called, or not in shape";
  }
}

TEST(MockContractV2, RunsThatFailOrStopShortStayInShape) {
  RunningMock mock;
  ContractClient api(mock.port(), ApiVersion::v2);
  api.admin("PUT", "/__admin/scenario", k_scenario);
  const Answer assistant = api.post("/v1/assistants", {{"model", "gpt-4o"}});
  for (const auto& [text, status] : {std::pair{"break it", "failed"}, std::pair{"ramble on", "incomplete"}}) {
    const Answer run = api.post("/v1/threads/runs", {{"assistant_id", assistant.id()},
                                                     {"thread", {{"messages", {{{"role", "user"}, {"content", text}}}}}}});
    const std::string t = run.json.value("thread_id", "");
    const Answer ended = api.wait_for_run(t, run.id(), {status});
    EXPECT_EQ(ended.json.value("status", ""), status) << ended.body;
    api.get(runs_of(t) + "/" + run.id() + "/steps");
    api.get(messages_of(t));
  }
}

TEST(MockContractV2, AnExpiredRunAndItsStepsStayInShape) {
  RunningMock mock(/*manual_clock=*/true);
  ContractClient api(mock.port(), ApiVersion::v2);
  api.admin("PUT", "/__admin/scenario", k_scenario);
  const Answer assistant = api.post("/v1/assistants", {{"model", "gpt-4o"}, {"tools", {k_function_tool}}});
  const Answer run = api.post("/v1/threads/runs", {{"assistant_id", assistant.id()},
                                                   {"thread", {{"messages", {{{"role", "user"}, {"content", "weather?"}}}}}}});
  const std::string t = run.json.value("thread_id", "");
  api.admin("POST", "/__admin/clock/advance", {{"ms", 1000}});
  EXPECT_EQ(api.get(runs_of(t) + "/" + run.id()).json.value("status", ""), "requires_action");
  api.admin("POST", "/__admin/clock/advance", {{"seconds", 601}});
  EXPECT_EQ(api.get(runs_of(t) + "/" + run.id()).json.value("status", ""), "expired");
  api.get(runs_of(t) + "/" + run.id() + "/steps");
}

TEST(MockContractV2, ErrorsUseTheErrorEnvelope) {
  RunningMock mock;
  ContractClient api(mock.port(), ApiVersion::v2);
  EXPECT_EQ(api.get("/v1/assistants/asst_doesnotexist").status, 404);
  EXPECT_EQ(api.get("/v1/threads/thread_doesnotexist/runs").status, 404);
  EXPECT_EQ(api.post("/v1/assistants", {{"name", "no model"}}).status, 400);
  EXPECT_EQ(api.post("/v1/assistants", {{"model", "gpt-4o"}, {"file_ids", json::array()}}).status, 400);
  EXPECT_EQ(api.get("/v1/threads/undefined").status, 400);
  EXPECT_EQ(api.get_without_key("/v1/assistants").status, 401);
  EXPECT_EQ(api.get("/v1/assistants?limit=1000").status, 400);
}

}  // namespace
}  // namespace contracts::testing
