// The mock under contract, v1 (OpenAI-Beta: assistants=v1): the mock answers in the shapes of
// the seed article (December 2023), so its answers must follow the v1-2023-12 schemas; every
// v1 endpoint is called, assistant files and message files included.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/contracts/support/contract_client.hpp"
#include "tests/contracts/support/mock_fixture.hpp"

namespace contracts::testing {
namespace {

using nlohmann::json;

const json k_seed_scenario = json::parse(R"json({
  "name": "seed article",
  "rules": [
    {"when": {"message_contains": "3x + 11 = 14"},
     "then": [{"message": "Of course, Jane Doe! Let's calculate."},
              {"code_interpreter": {"input": "solve(3*x + 11 - 14)", "logs": "[1]"}},
              {"message": "The solution to the equation `3x + 11 = 14` is `x = 1`, Jane Doe."}]},
    {"when": {"message_contains": "weather"},
     "then": [{"function_call": {"name": "get_weather", "arguments": {"city": "Paris"}}},
              {"message": "It is {{tool_output}}."}]}
  ]
})json");

std::string thread_path(const std::string& t) { return "/v1/threads/" + t; }

TEST(MockContractV1, FilesAnswerInShape) {
  RunningMock mock;
  ContractClient api(mock.port(), ApiVersion::v1_2023_12);
  const Answer file = api.upload("notes.txt", "x = 1", "assistants");
  ASSERT_EQ(file.status, 200) << file.body;
  api.get("/v1/files");
  api.get("/v1/files?purpose=assistants");
  api.get("/v1/files/" + file.id());
  api.del("/v1/files/" + file.id());
  EXPECT_THAT(api.uncovered("/v1/files"), ::testing::IsEmpty()) << "not called, or not in shape";
}

TEST(MockContractV1, AssistantsThreadsMessagesRunsStepsAndFileLinksAnswerInShape) {
  RunningMock mock;
  ContractClient api(mock.port(), ApiVersion::v1_2023_12);
  ASSERT_EQ(api.admin("PUT", "/__admin/scenario", k_seed_scenario).value("loaded", false), true);
  // Set-up: a file to link (FilesAnswerInShape checks the file answers).
  const Answer file = api.upload("notes.txt", "x = 1", "assistants", /*checked=*/false);
  ASSERT_EQ(file.status, 200) << file.body;

  // The seed article's flow.
  const Answer assistant = api.post(
      "/v1/assistants", {{"instructions", "You are a personal math tutor. Write and run code to answer math questions."},
                         {"name", "Math Tutor"},
                         {"tools", {{{"type", "code_interpreter"}}, {{"type", "retrieval"}},
                                    {{"type", "function"}, {"function", {{"name", "get_weather"}}}}}},
                         {"model", "gpt-4"}});
  ASSERT_EQ(assistant.status, 200) << assistant.body;
  const std::string a = "/v1/assistants/" + assistant.id();
  api.get("/v1/assistants");
  api.get(a);
  api.post(a, {{"description", "tutor"}, {"file_ids", {file.id()}}});
  api.post(a + "/files", {{"file_id", file.id()}});
  api.get(a + "/files");
  api.get(a + "/files/" + file.id());

  const Answer thread = api.post("/v1/threads");
  ASSERT_EQ(thread.status, 200) << thread.body;
  const std::string t = thread.id();
  api.get(thread_path(t));
  api.post(thread_path(t), {{"metadata", {{"user", "jane"}}}});
  const Answer message = api.post(thread_path(t) + "/messages",
                                  {{"role", "user"}, {"content", "I need to solve the equation `3x + 11 = 14`. Can you help me?"},
                                   {"file_ids", {file.id()}}});
  ASSERT_EQ(message.status, 200) << message.body;
  const std::string m = thread_path(t) + "/messages/" + message.id();
  api.get(thread_path(t) + "/messages");
  api.get(m);
  api.post(m, {{"metadata", {{"seen", "yes"}}}});
  api.get(m + "/files");
  api.get(m + "/files/" + file.id());

  const Answer run = api.post(thread_path(t) + "/runs",
                              {{"assistant_id", assistant.id()},
                               {"instructions", "Please address the user as Jane Doe. The user has a premium account."}});
  ASSERT_EQ(run.status, 200) << run.body;
  const Answer done = api.wait_for_run(t, run.id(), {"completed"});
  EXPECT_EQ(done.json.value("status", ""), "completed") << done.body;
  api.get(thread_path(t) + "/messages");
  api.get(thread_path(t) + "/runs");
  api.post(thread_path(t) + "/runs/" + run.id(), {{"metadata", {{"k", "v"}}}});
  const Answer steps = api.get(thread_path(t) + "/runs/" + run.id() + "/steps");
  ASSERT_TRUE(steps.json.contains("data") && !steps.json["data"].empty()) << steps.body;
  api.get(thread_path(t) + "/runs/" + run.id() + "/steps/" + steps.json["data"][0].value("id", ""));

  // Function calling, thread-and-run, cancel.
  api.post(thread_path(t) + "/messages", {{"role", "user"}, {"content", "and the weather?"}});
  const Answer call_run = api.post(thread_path(t) + "/runs", {{"assistant_id", assistant.id()}});
  const Answer waiting = api.wait_for_run(t, call_run.id(), {"requires_action"});
  ASSERT_EQ(waiting.json.value("status", ""), "requires_action") << waiting.body;
  const std::string call_id = waiting.json["required_action"]["submit_tool_outputs"]["tool_calls"][0].value("id", "");
  api.post(thread_path(t) + "/runs/" + call_run.id() + "/submit_tool_outputs",
           {{"tool_outputs", {{{"tool_call_id", call_id}, {"output", "22 C"}}}}});
  api.wait_for_run(t, call_run.id(), {"completed"});
  // It waits for a tool output, so cancelling it cannot race its end.
  const Answer thread_run = api.post("/v1/threads/runs", {{"assistant_id", assistant.id()},
                                                          {"thread", {{"messages", {{{"role", "user"}, {"content", "weather?"}}}}}}});
  ASSERT_EQ(thread_run.status, 200) << thread_run.body;
  const std::string other = thread_run.json.value("thread_id", "");
  api.wait_for_run(other, thread_run.id(), {"requires_action"});
  EXPECT_EQ(api.post(thread_path(other) + "/runs/" + thread_run.id() + "/cancel").status, 200);

  // v1 has no message delete: the answer is an error envelope.
  EXPECT_EQ(api.del(m).status, 404);
  api.del(a + "/files/" + file.id());
  api.del(thread_path(t));
  api.del(a);

  for (const char* prefix : {"/v1/assistants", "/v1/threads"}) {
    EXPECT_THAT(api.uncovered(prefix), ::testing::IsEmpty()) << "not called, or not in shape";
  }
}

}  // namespace
}  // namespace contracts::testing
