// POST /v1/responses and the endpoints of a stored response over real HTTP: input as text or
// items, the echoed fields, usage, store, previous_response_id, conversation, scripted output
// from the same scenario rules as runs, and the service's errors.
#include <string>

#include <gtest/gtest.h>

#include "mock/scenario/scenario.hpp"
#include "tests/support/api_expect.hpp"
#include "tests/support/test_server.hpp"

namespace {
using mock::Json;
using namespace tests::support;

constexpr const char* k_question = "I need to solve the equation `3x + 11 = 14`. Can you help me?";

class ResponsesApi : public ::testing::Test {
protected:
  TestServer server;
  ApiClient client = server.client();

  void SetUp() override { client.set_beta(std::nullopt); }

  void load_rules(const Json& rules) {
    server.server().services().scenarios.load(mock::scenario::parse_scenario(Json{{"rules", rules}}));
  }
  Json respond(Json body) {
    if (!body.contains("model")) body["model"] = "gpt-4o";
    return post_ok(client, "/v1/responses", body);
  }
  static std::string output_text(const Json& response) {
    std::string text;
    for (const Json& item : response["output"]) {
      if (item["type"] != "message") continue;
      for (const Json& part : item["content"]) text += part["text"].get<std::string>();
    }
    return text;
  }
};

TEST_F(ResponsesApi, TextInputGetsTheDefaultReplyWithEchoedFieldsAndUsage) {
  const Json response = respond(Json{{"input", "Hello there"}, {"instructions", "Be brief."},
                                     {"metadata", {{"case", "1"}}}, {"temperature", 0.5}});
  const std::string id = response["id"];
  EXPECT_TRUE(id.starts_with("resp_"));
  EXPECT_EQ(response["object"], "response");
  EXPECT_EQ(response["status"], "completed");
  EXPECT_TRUE(response["completed_at"].is_number_integer());
  EXPECT_EQ(response["model"], "gpt-4o");
  EXPECT_EQ(response["instructions"], "Be brief.");
  EXPECT_EQ(response["metadata"], (Json{{"case", "1"}}));
  EXPECT_EQ(response["temperature"], 0.5);
  EXPECT_EQ(response["top_p"], 1.0);
  EXPECT_EQ(response["tool_choice"], "auto");
  EXPECT_EQ(response["tools"], Json::array());
  EXPECT_EQ(response["parallel_tool_calls"], true);
  EXPECT_EQ(response["store"], true);
  EXPECT_EQ(response["background"], false);
  EXPECT_EQ(response["truncation"], "disabled");
  EXPECT_EQ(response["text"]["format"], (Json{{"type", "text"}}));
  EXPECT_TRUE(response["error"].is_null());
  EXPECT_TRUE(response["incomplete_details"].is_null());
  EXPECT_TRUE(response["previous_response_id"].is_null());
  ASSERT_EQ(response["output"].size(), 1U);
  const Json& message = response["output"][0];
  EXPECT_TRUE(message["id"].get<std::string>().starts_with("msg_"));
  EXPECT_EQ(message["role"], "assistant");
  EXPECT_EQ(message["status"], "completed");
  EXPECT_EQ(message["content"][0]["type"], "output_text");
  EXPECT_EQ(output_text(response), "This is the mock assistant (model gpt-4o) replying to: Hello there");
  const Json& usage = response["usage"];
  EXPECT_GT(usage["input_tokens"].get<int>(), 0);
  EXPECT_GT(usage["output_tokens"].get<int>(), 0);
  EXPECT_EQ(usage["total_tokens"], usage["input_tokens"].get<int>() + usage["output_tokens"].get<int>());

  EXPECT_EQ(get_ok(client, "/v1/responses/" + id), response);
  const Json input_items = get_ok(client, "/v1/responses/" + id + "/input_items");
  ASSERT_EQ(input_items["data"].size(), 1U);
  EXPECT_EQ(input_items["data"][0]["content"][0], (Json{{"type", "input_text"}, {"text", "Hello there"}}));

  const Json count = post_ok(client, "/v1/responses/input_tokens",
                             Json{{"model", "gpt-4o"}, {"input", "Hello there"}, {"instructions", "Be brief."}});
  EXPECT_EQ(count, (Json{{"object", "response.input_tokens"}, {"input_tokens", usage["input_tokens"]}}));

  const ApiResult deleted = client.del("/v1/responses/" + id);
  EXPECT_EQ(deleted.json, (Json{{"id", id}, {"object", "response"}, {"deleted", true}}));
  expect_error(client.get("/v1/responses/" + id), 404, "Response with id '" + id + "' not found.");
}

TEST_F(ResponsesApi, SeedFlowFromTheSameScenarioAsRuns) {
  load_rules(Json::array({Json{{"when", {{"message_contains", "3x + 11 = 14"}}},
                               {"then", Json::array({Json{{"message", "Of course, Jane Doe!"}},
                                                     Json{{"code_interpreter", {{"input", "solve(3*x + 11 - 14)"}, {"logs", "[1]"}}}},
                                                     Json{{"message", "x = 1, Jane Doe."}}})}}}));
  const Json response = respond(Json{
      {"instructions", "Please address the user as Jane Doe. The user has a premium account."},
      {"tools", Json::array({Json{{"type", "code_interpreter"}, {"container", {{"type", "auto"}}}}})},
      {"include", Json::array({"code_interpreter_call.outputs"})},
      {"input", Json::array({Json{{"role", "user"}, {"content", k_question}}})}});
  ASSERT_EQ(response["output"].size(), 3U) << response.dump();
  EXPECT_EQ(response["output"][0]["content"][0]["text"], "Of course, Jane Doe!");
  const Json& call = response["output"][1];
  EXPECT_EQ(call["type"], "code_interpreter_call");
  EXPECT_TRUE(call["id"].get<std::string>().starts_with("ci_"));
  EXPECT_TRUE(call["container_id"].get<std::string>().starts_with("cntr_"));
  EXPECT_EQ(call["code"], "solve(3*x + 11 - 14)");
  EXPECT_EQ(call["outputs"], Json::array({Json{{"type", "logs"}, {"logs", "[1]"}}}));
  EXPECT_EQ(response["output"][2]["content"][0]["text"], "x = 1, Jane Doe.");
}

TEST_F(ResponsesApi, FunctionCallRoundTripOverAChain) {
  load_rules(Json::array({Json{{"when", {{"message_contains", "weather"}}},
                               {"then", Json::array({Json{{"function_call", {{"name", "get_weather"},
                                                                             {"arguments", {{"city", "Paris"}}}}}},
                                                     Json{{"message", "It is {{tool_output}} in Paris."}}})}}}));
  const Json tools = Json::array({Json{{"type", "function"}, {"name", "get_weather"},
                                       {"parameters", {{"type", "object"}}}}});
  const Json first = respond(Json{{"input", "What is the weather?"}, {"tools", tools}});
  EXPECT_EQ(first["status"], "completed");
  ASSERT_EQ(first["output"].size(), 1U);
  const Json& call = first["output"][0];
  EXPECT_EQ(call["type"], "function_call");
  EXPECT_TRUE(call["id"].get<std::string>().starts_with("fc_"));
  EXPECT_TRUE(call["call_id"].get<std::string>().starts_with("call_"));
  EXPECT_EQ(call["name"], "get_weather");
  EXPECT_EQ(Json::parse(call["arguments"].get<std::string>()), (Json{{"city", "Paris"}}));
  EXPECT_EQ(first["tools"][0]["strict"], true);

  const Json second = respond(Json{
      {"previous_response_id", first["id"]}, {"tools", tools},
      {"input", Json::array({Json{{"type", "function_call_output"}, {"call_id", call["call_id"]}, {"output", "sunny"}}})}});
  EXPECT_EQ(second["previous_response_id"], first["id"]);
  EXPECT_EQ(output_text(second), "It is sunny in Paris.");
  // The chain's history counts: the second response reads more than its own input.
  EXPECT_GT(second["usage"]["input_tokens"].get<int>(), first["usage"]["input_tokens"].get<int>());

  expect_error(client.post("/v1/responses", Json{{"model", "gpt-4o"}, {"previous_response_id", first["id"]},
                                                 {"input", Json::array({Json{{"type", "function_call_output"},
                                                                             {"call_id", "call_nope"},
                                                                             {"output", "x"}}})}}),
               400, "No tool call found for function call output with call_id call_nope.", "input");
}

TEST_F(ResponsesApi, ToolChoiceAndParallelToolCallsShapeTheScriptAsInRuns) {
  load_rules(Json::array({Json{{"when", {{"message_contains", "both"}}},
                               {"then", Json::array({Json{{"function_call", Json::array({
                                                         Json{{"name", "a"}, {"arguments", Json::object()}},
                                                         Json{{"name", "b"}, {"arguments", Json::object()}}})}},
                                                     Json{{"message", "done"}}})}}}));
  const Json tools = Json::array({Json{{"type", "function"}, {"name", "a"}}, Json{{"type", "function"}, {"name", "b"}},
                                  Json{{"type", "function"}, {"name", "lookup"}}});
  const auto types = [](const Json& response) {
    std::string out;
    for (const Json& item : response["output"]) out += item["type"].get<std::string>() + ":" + item.value("name", "") + " ";
    return out;
  };
  EXPECT_EQ(types(respond(Json{{"input", "both"}, {"tools", tools}})), "function_call:a function_call:b ");
  EXPECT_EQ(types(respond(Json{{"input", "both"}, {"tools", tools}, {"parallel_tool_calls", false}})),
            "function_call:a ");
  EXPECT_EQ(types(respond(Json{{"input", "both"}, {"tools", tools}, {"tool_choice", "none"}})), "message: ");
  // A named function is called first, with the default arguments, when the script does not.
  const Json forced = respond(Json{{"input", "hello"}, {"tools", tools},
                                   {"tool_choice", Json{{"type", "function"}, {"name", "lookup"}}}});
  EXPECT_EQ(types(forced), "function_call:lookup ");
  EXPECT_EQ(forced["output"][0]["arguments"], "{}");
  EXPECT_EQ(types(respond(Json{{"input", "hello"}, {"tools", tools}, {"tool_choice", "required"}})),
            "function_call:a ");
  const Json code = Json::array({Json{{"type", "code_interpreter"}, {"container", {{"type", "auto"}}}}});
  EXPECT_EQ(types(respond(Json{{"input", "hello"}, {"tools", code},
                               {"tool_choice", Json{{"type", "code_interpreter"}}}})),
            "code_interpreter_call: message: ");
}

TEST_F(ResponsesApi, ItemReferenceTakesAnItemOfAnyStoredResponse) {
  const Json earlier = respond(Json{{"input", "The password is swordfish."}});
  const std::string user_item = get_ok(client, "/v1/responses/" + earlier["id"].get<std::string>() +
                                                   "/input_items")["data"][0]["id"];
  const std::string reply_item = earlier["output"][0]["id"];
  const Json later = respond(Json{{"input", Json::array({Json{{"type", "item_reference"}, {"id", user_item}},
                                                         Json{{"type", "item_reference"}, {"id", reply_item}}})}});
  const Json items = get_ok(client, "/v1/responses/" + later["id"].get<std::string>() + "/input_items?order=asc");
  ASSERT_EQ(items["data"].size(), 2U) << items.dump();
  EXPECT_EQ(items["data"][0]["id"], user_item);
  EXPECT_EQ(items["data"][0]["content"][0]["text"], "The password is swordfish.");
  EXPECT_EQ(items["data"][1]["id"], reply_item);
  EXPECT_EQ(items["data"][1]["role"], "assistant");
  // The referenced user message is the newest user input the model reads.
  EXPECT_NE(output_text(later).find("The password is swordfish."), std::string::npos) << output_text(later);

  expect_error(client.post("/v1/responses", Json{{"model", "gpt-4o"},
                                                 {"input", Json::array({Json{{"type", "item_reference"}, {"id", "msg_nope"}}})}}),
               400, "Item with id 'msg_nope' not found.", "input");
}

TEST_F(ResponsesApi, ConversationGetsInputAndOutputAppendedInOrder) {
  const std::string conversation = post_ok(client, "/v1/conversations").value("id", "");
  const Json first = respond(Json{{"conversation", conversation}, {"input", "one"}});
  EXPECT_EQ(first["conversation"], (Json{{"id", conversation}}));
  const Json second = respond(Json{{"conversation", Json{{"id", conversation}}}, {"input", "two"}});
  const Json items = get_ok(client, "/v1/conversations/" + conversation + "/items?order=asc");
  ASSERT_EQ(items["data"].size(), 4U);
  EXPECT_EQ(items["data"][0]["content"][0]["text"], "one");
  EXPECT_EQ(items["data"][1]["id"], first["output"][0]["id"]);
  EXPECT_EQ(items["data"][2]["content"][0]["text"], "two");
  EXPECT_EQ(items["data"][3]["id"], second["output"][0]["id"]);
  EXPECT_GT(second["usage"]["input_tokens"].get<int>(), first["usage"]["input_tokens"].get<int>());
}

TEST_F(ResponsesApi, InstructionsAreNotCarriedOverAChain) {
  const Json first = respond(Json{{"input", "a"}, {"instructions", "Speak like a pirate."}});
  const Json second = respond(Json{{"input", "b"}, {"previous_response_id", first["id"]}});
  EXPECT_TRUE(second["instructions"].is_null());
}

TEST_F(ResponsesApi, StoreFalseCannotBeRetrievedNorChained) {
  const Json response = respond(Json{{"input", "secret"}, {"store", false}});
  EXPECT_EQ(response["store"], false);
  const std::string id = response["id"];
  expect_error(client.get("/v1/responses/" + id), 404, "Response with id '" + id + "' not found.");
  expect_error(client.post("/v1/responses", Json{{"model", "gpt-4o"}, {"previous_response_id", id}}), 400,
               "Previous response with id '" + id + "' not found.", "previous_response_id",
               "previous_response_not_found");
}

TEST_F(ResponsesApi, FileSearchOverThisServersVectorStores) {
  const std::string paris = client.upload_file("paris.txt", "Paris is the capital of France.").id();
  const std::string rome = client.upload_file("rome.txt", "Rome is the capital of Italy.").id();
  client.set_beta("assistants=v2");  // the vector store API is the Assistants era's
  const std::string store = post_ok(client, "/v1/vector_stores", Json{{"file_ids", Json::array({paris, rome})}})["id"];
  client.set_beta(std::nullopt);
  server.server().services().clock.advance_ms(1000);  // ingestion ends
  const Json tools = Json::array({Json{{"type", "file_search"}, {"vector_store_ids", Json::array({store})}}});
  const Json response = respond(Json{{"input", "What is the capital of France?"}, {"tools", tools},
                                     {"tool_choice", "required"}, {"include", Json::array({"file_search_call.results"})}});
  ASSERT_GE(response["output"].size(), 1U) << response.dump();
  const Json& call = response["output"][0];
  EXPECT_EQ(call["type"], "file_search_call");
  EXPECT_TRUE(call["id"].get<std::string>().starts_with("fs_"));
  EXPECT_EQ(call["queries"], Json::array({"What is the capital of France?"}));
  ASSERT_EQ(call["results"].size(), 2U) << call.dump();
  EXPECT_EQ(call["results"][0]["file_id"], paris);  // holds "france" too: the better score
  EXPECT_EQ(call["results"][0]["filename"], "paris.txt");
  EXPECT_GT(call["results"][0]["score"].get<double>(), call["results"][1]["score"].get<double>());

  expect_error(client.post("/v1/responses", Json{{"model", "m"}, {"tools", Json::array({Json{{"type", "file_search"},
                                                                                          {"vector_store_ids", Json::array({"vs_gone"})}}})}}),
               404, "No vector store found with id 'vs_gone'.");
}

TEST_F(ResponsesApi, ErrorsInTheServiceEnvelope) {
  expect_error(client.post("/v1/responses", Json{{"input", "x"}}), 400, "Missing required parameter: 'model'.",
               "model", "missing_required_parameter");
  expect_error(client.post("/v1/responses", Json{{"model", "m"}, {"previous_response_id", "resp_1"},
                                                 {"conversation", "conv_1"}}),
               400,
               "Mutually exclusive parameters. Ensure you are only providing one of: 'previous_response_id' "
               "or 'conversation'.",
               std::nullopt, "mutually_exclusive_parameters");
  expect_error(client.post("/v1/responses", Json{{"model", "m"}, {"conversation", "conv_nope"}}), 404,
               "Conversation with id 'conv_nope' not found.");
  expect_error(client.post("/v1/responses", Json{{"model", "m"}, {"input", 5}}), 400,
               "Invalid type for 'input': expected a string or an array, but got an integer instead.", "input",
               "invalid_type");
  const std::string id = respond(Json{{"input", "x"}})["id"];
  expect_error(client.post("/v1/responses/" + id + "/cancel"), 400, "Cannot cancel a synchronous response.");
  expect_error(client.get("/v1/responses/resp_missing"), 404, "Response with id 'resp_missing' not found.");
  expect_error(client.get("/v1/responses/run_1"), 400,
               "Invalid 'response_id': 'run_1'. Expected an ID that begins with 'resp_'.", "response_id",
               "invalid_value");
  expect_error(client.get("/v1/responses"), 405, "Method not allowed (GET /v1/responses)");
}

}  // namespace
