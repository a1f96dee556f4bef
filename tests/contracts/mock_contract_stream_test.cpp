// The mock under contract, streams: `stream: true` answers are text/event-stream, and every
// event (thread, run, step, message, deltas, done) must follow the stream schema of its version.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/contracts/support/contract_client.hpp"
#include "tests/contracts/support/mock_fixture.hpp"

namespace contracts::testing {
namespace {

using nlohmann::json;

const json k_scenario = json::parse(R"json({
  "name": "streams",
  "rules": [
    {"when": {"message_contains": "weather"},
     "then": [{"function_call": {"name": "get_weather", "arguments": {"city": "Paris"}}},
              {"message": "It is {{tool_output}}."}]},
    {"when": {"message_contains": "solve"},
     "then": [{"code_interpreter": {"input": "print(1)", "logs": "1"}}, {"message": "x = 1"}]}
  ]
})json");

std::vector<std::string> names(const Answer& answer) {
  std::vector<std::string> out;
  for (const ObservedEvent& event : answer.events) out.push_back(event.event);
  return out;
}

// `version`: the contract of the streams; `objects`: that of the plain answers in between.
void stream_a_function_call_round_trip(ApiVersion version, ApiVersion objects) {
  RunningMock mock;
  ContractClient api(mock.port(), version);
  ContractClient plain(mock.port(), objects);
  api.admin("PUT", "/__admin/scenario", k_scenario);
  const json function_tool = {{"type", "function"}, {"function", {{"name", "get_weather"}}}};
  const Answer assistant =
      plain.post("/v1/assistants", {{"model", "gpt-4"}, {"tools", {{{"type", "code_interpreter"}}, function_tool}}});
  ASSERT_EQ(assistant.status, 200) << assistant.body;

  // create thread and run, streamed: a code interpreter step and a message with deltas.
  const Answer first = api.post("/v1/threads/runs", {{"assistant_id", assistant.id()}, {"stream", true},
                                                     {"thread", {{"messages", {{{"role", "user"}, {"content", "solve it"}}}}}}});
  ASSERT_FALSE(first.events.empty()) << first.status << " " << first.body;
  EXPECT_EQ(first.events.front().event, "thread.created");
  EXPECT_EQ(first.events.back().event, "done");
  EXPECT_THAT(names(first), ::testing::IsSupersetOf({"thread.run.step.delta", "thread.message.delta", "thread.run.completed"}));

  // create run, streamed, ending at requires_action; then submit_tool_outputs, streamed.
  const std::string t = first.events.front().data.value("id", "");
  plain.post("/v1/threads/" + t + "/messages", {{"role", "user"}, {"content", "and the weather?"}});
  const Answer second = api.post("/v1/threads/" + t + "/runs", {{"assistant_id", assistant.id()}, {"stream", true}});
  ASSERT_FALSE(second.events.empty()) << second.status << " " << second.body;
  const auto action = std::find_if(second.events.begin(), second.events.end(),
                                   [](const ObservedEvent& e) { return e.event == "thread.run.requires_action"; });
  ASSERT_NE(action, second.events.end()) << ::testing::PrintToString(names(second));
  const std::string run_id = action->data.value("id", "");
  const std::string call_id = action->data["required_action"]["submit_tool_outputs"]["tool_calls"][0].value("id", "");
  const Answer third = api.post("/v1/threads/" + t + "/runs/" + run_id + "/submit_tool_outputs",
                                {{"stream", true}, {"tool_outputs", {{{"tool_call_id", call_id}, {"output", "22 C"}}}}});
  ASSERT_FALSE(third.events.empty()) << third.status << " " << third.body;
  EXPECT_EQ(third.events.front().event, "thread.run.step.completed");
  EXPECT_EQ(third.events.back().event, "done");
}

TEST(MockContractStreams, V2EventsFollowTheV2StreamSchema) {
  stream_a_function_call_round_trip(ApiVersion::v2, ApiVersion::v2);
}

// Streams arrived in v1 on 2024-03-27: only the final v1 contract has them, so v1 events are
// held to it (the mock's plain v1 answers follow the December 2023 shapes).
TEST(MockContractStreams, V1EventsFollowTheFinalV1StreamSchema) {
  stream_a_function_call_round_trip(ApiVersion::v1_final, ApiVersion::v1_2023_12);
}

}  // namespace
}  // namespace contracts::testing
