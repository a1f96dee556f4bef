// The mock under contract, Responses and Conversations: every answer of the 15 endpoints, the
// errors and the streams, as a client meets them, is held to contracts/schemas/responses and
// to the stream's invariants (contracts/responses_contract.hpp). The suite counts the
// endpoints it reached, so a new endpoint without a contract test fails it.
#include <gtest/gtest.h>

#include <httplib.h>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "contracts/responses_contract.hpp"
#include "tests/contracts/support/mock_fixture.hpp"

namespace contracts::testing {
namespace {

using nlohmann::json;

// The rules of the seed article and of a function call, as the Assistants tests script them:
// one scenario for both surfaces; and a response slow enough to be cancelled however loaded
// the machine (the mock's steps are 2 ms of the real clock).
const json k_scenario = json::parse(R"json({
  "name": "responses under contract",
  "rules": [
    {"when": {"message_contains": "weather"},
     "then": [{"function_call": {"name": "get_weather", "arguments": {"city": "Paris"}}},
              {"message": "It is {{tool_output}}."}]},
    {"when": {"message_contains": "Take your time"},
     "then": [{"delay_ms": 600000, "message": "Done at last."}]},
    {"when": {"message_contains": "3x + 11 = 14"},
     "then": [{"code_interpreter": {"input": "x = (14 - 11) / 3\nprint(x)", "logs": "1.0"}},
              {"message": "The solution is x = 1, Jane Doe."}]}
  ]
})json");

class ResponsesUnderContract : public ::testing::Test {
protected:
  RunningMock mock;
  httplib::Client http{"127.0.0.1", mock.port()};
  std::set<std::string> covered;

  void SetUp() override {
    http.set_default_headers({{"Authorization", "Bearer sk-test"}});
    const auto loaded = http.Put("/__admin/scenario", k_scenario.dump(), "application/json");
    ASSERT_TRUE(loaded && loaded->status == 200);
  }

  // Sends, checks the answer against the contract, and returns its JSON body.
  json call(const std::string& method, const std::string& path, const std::string& endpoint,
            const json& body = nullptr, int expected_status = 200) {
    httplib::Result result = method == "GET"      ? http.Get(path)
                             : method == "DELETE" ? http.Delete(path)
                                                  : http.Post(path, body.is_null() ? "" : body.dump(),
                                                              "application/json");
    EXPECT_TRUE(result) << method << " " << path << ": no answer";
    if (!result) return nullptr;
    EXPECT_EQ(result->status, expected_status) << method << " " << path << ": " << result->body;
    const json answer = json::parse(result->body, nullptr, false);
    EXPECT_FALSE(answer.is_discarded()) << method << " " << path << ": not JSON: " << result->body;
    const ResponseCheck check = check_responses_body(method, path, result->status, answer);
    EXPECT_FALSE(check.unchecked) << method << " " << path << ": " << describe_check(check);
    EXPECT_TRUE(check.drift.empty()) << method << " " << path << ":\n" << describe_check(check);
    if (result->status < 300) covered.insert(endpoint);
    return answer;
  }

  std::string stream(const std::string& method, const std::string& path, const std::string& endpoint,
                     const json& body = nullptr) {
    httplib::Result result = method == "GET" ? http.Get(path)
                                             : http.Post(path, body.dump(), "application/json");
    EXPECT_TRUE(result && result->status == 200) << path;
    if (!result) return "";
    EXPECT_EQ(result->get_header_value("Content-Type").rfind("text/event-stream", 0), 0U);
    const ResponseCheck check = check_responses_event_stream(method, path, result->body);
    EXPECT_FALSE(check.unchecked) << path << ": " << describe_check(check);
    EXPECT_TRUE(check.drift.empty()) << path << ":\n" << describe_check(check);
    covered.insert(endpoint);
    return result->body;
  }
};

TEST_F(ResponsesUnderContract, EveryEndpointAnswersInItsContract) {
  const json conversation = call("POST", "/v1/conversations", "POST /v1/conversations",
                                 {{"metadata", {{"topic", "algebra"}}},
                                  {"items", json::array({{{"type", "message"}, {"role", "system"},
                                                          {"content", "Address the user as Jane Doe."}}})}});
  const std::string conversation_id = conversation.at("id");
  const std::string items = "/v1/conversations/" + conversation_id + "/items";
  call("GET", "/v1/conversations/" + conversation_id, "GET /v1/conversations/{id}");
  call("POST", "/v1/conversations/" + conversation_id, "POST /v1/conversations/{id}",
       {{"metadata", {{"topic", "equations"}}}});
  const json added = call("POST", items, "POST /v1/conversations/{id}/items",
                          {{"items", json::array({{{"type", "message"}, {"role", "user"},
                                                   {"content", "A note to drop."}}})}});
  const std::string note_id = added.at("data").at(0).at("id");
  call("GET", items + "/" + note_id, "GET /v1/conversations/{id}/items/{item_id}");
  call("DELETE", items + "/" + note_id, "DELETE /v1/conversations/{id}/items/{item_id}");

  const json tutor = {{"model", "gpt-4o"},
                      {"instructions", "You are a personal math tutor."},
                      {"tools", json::array({{{"type", "code_interpreter"}, {"container", {{"type", "auto"}}}}})},
                      {"conversation", conversation_id},
                      {"input", "I need to solve the equation `3x + 11 = 14`. Can you help me?"}};
  const json answer = call("POST", "/v1/responses", "POST /v1/responses", tutor);
  EXPECT_EQ(answer.at("status"), "completed");
  const std::string response_id = answer.at("id");
  call("GET", "/v1/responses/" + response_id, "GET /v1/responses/{id}");
  call("GET", "/v1/responses/" + response_id + "/input_items", "GET /v1/responses/{id}/input_items");
  const json listed = call("GET", items + "?order=asc", "GET /v1/conversations/{id}/items");
  EXPECT_GE(listed.at("data").size(), 4U) << listed.dump();  // system, user, call, answer

  call("POST", "/v1/responses/input_tokens", "POST /v1/responses/input_tokens",
       {{"model", "gpt-4o"}, {"input", "How many tokens is this?"}});
  call("POST", "/v1/responses/compact", "POST /v1/responses/compact",
       {{"model", "gpt-4o"}, {"previous_response_id", response_id}});

  const json background = call("POST", "/v1/responses", "POST /v1/responses",
                               {{"model", "gpt-4o"}, {"background", true}, {"input", "Take your time."}});
  call("POST", "/v1/responses/" + background.at("id").get<std::string>() + "/cancel",
       "POST /v1/responses/{id}/cancel");

  call("DELETE", "/v1/responses/" + response_id, "DELETE /v1/responses/{id}");
  call("DELETE", "/v1/conversations/" + conversation_id, "DELETE /v1/conversations/{id}");

  EXPECT_EQ(covered.size(), 15U) << "an endpoint of the Responses surface was not reached";
}

TEST_F(ResponsesUnderContract, AFunctionCallRoundTripAnswersInItsContract) {
  const json tools = json::array({{{"type", "function"},
                                   {"name", "get_weather"},
                                   {"parameters", {{"type", "object"}, {"properties", json::object()}}},
                                   {"strict", false}}});
  const json first = call("POST", "/v1/responses", "POST /v1/responses",
                          {{"model", "gpt-4o"}, {"tools", tools}, {"input", "What is the weather in Paris?"}});
  ASSERT_EQ(first.at("output").at(0).at("type"), "function_call") << first.dump();
  const std::string call_id = first.at("output").at(0).at("call_id");
  const json second = call("POST", "/v1/responses", "POST /v1/responses",
                           {{"model", "gpt-4o"},
                            {"tools", tools},
                            {"previous_response_id", first.at("id")},
                            {"input", json::array({{{"type", "function_call_output"},
                                                    {"call_id", call_id},
                                                    {"output", "22 degrees"}}})}});
  EXPECT_NE(second.dump().find("It is 22 degrees."), std::string::npos) << second.dump();
}

TEST_F(ResponsesUnderContract, StreamsHoldEveryEventToItsContract) {
  const std::string text = stream("POST", "/v1/responses", "POST /v1/responses",
                                  {{"model", "gpt-4o"}, {"stream", true},
                                   {"input", "I need to solve the equation `3x + 11 = 14`."}});
  EXPECT_NE(text.find("event: response.code_interpreter_call.completed"), std::string::npos);
  EXPECT_NE(text.find("event: response.completed"), std::string::npos);

  const json background = call("POST", "/v1/responses", "POST /v1/responses",
                               {{"model", "gpt-4o"}, {"background", true}, {"input", "Hello"}});
  const std::string resumed = stream("GET",
                                     "/v1/responses/" + background.at("id").get<std::string>() +
                                         "?stream=true&starting_after=1",
                                     "GET /v1/responses/{id}");
  EXPECT_EQ(resumed.find("\"sequence_number\":0,"), std::string::npos) << "resumed after event 1";
  EXPECT_NE(resumed.find("event: response.completed"), std::string::npos);
}

TEST_F(ResponsesUnderContract, ErrorsAreTheServicesEnvelope) {
  call("GET", "/v1/responses/resp_missing", "", nullptr, 404);
  call("GET", "/v1/conversations/conv_missing", "", nullptr, 404);
  call("POST", "/v1/responses", "", {{"model", "gpt-4o"}, {"input", 42}}, 400);
  call("POST", "/v1/responses", "",
       {{"model", "gpt-4o"}, {"input", "hi"}, {"previous_response_id", "resp_x"}, {"conversation", "conv_x"}},
       400);
  EXPECT_TRUE(covered.empty());
}

}  // namespace
}  // namespace contracts::testing
