// Error answers over real HTTP, each checked as the full OpenAI envelope
// {"error": {"message", "type", "param", "code"}} (FACTS.md §7).
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/api_expect.hpp"
#include "tests/support/test_server.hpp"

namespace {
using mock::Json;
using namespace tests::support;

constexpr const char* k_no_key =
    "You didn't provide an API key. You need to provide your API key in an Authorization header "
    "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with "
    "blank username) if you're accessing the API from your browser and are prompted for a "
    "username. You can obtain an API key from https://platform.openai.com/account/api-keys.";

class ErrorsApi : public ::testing::Test {
protected:
  TestServer server;
  ApiClient client = server.client();
};

TEST_F(ErrorsApi, NoAuthorizationIs401) {
  client.set_api_key(std::nullopt);
  expect_error(client.get("/v1/assistants"), 401, k_no_key);
  expect_error(client.post("/v1/threads"), 401, k_no_key);
}

TEST_F(ErrorsApi, WrongKeyIs401InvalidApiKeyWhenAKeyIsConfigured) {
  mock::MockServerConfig config = test_config();
  config.api_key = "sk-the-configured-key-0000";
  TestServer keyed(config);
  ApiClient keyed_client = keyed.client();
  keyed_client.set_api_key("sk-wrong-key-1234567890abcd");
  auto result = keyed_client.get("/v1/assistants");
  expect_error(result, 401,
               "Incorrect API key provided: sk-wr******************abcd. You can find your API key "
               "at https://platform.openai.com/account/api-keys.",
               std::nullopt, "invalid_api_key");
  EXPECT_EQ(result.body.find("sk-wrong-key-1234567890abcd"), std::string::npos);
  EXPECT_EQ(result.body.find("sk-the-configured-key"), std::string::npos);

  keyed_client.set_api_key("sk-the-configured-key-0000");
  EXPECT_EQ(keyed_client.get("/v1/assistants").status, 200);
}

TEST_F(ErrorsApi, AnyKeyWorksWhenNoneIsConfigured) {
  client.set_api_key("sk-whatever");
  EXPECT_EQ(client.get("/v1/assistants").status, 200);
}

TEST_F(ErrorsApi, MissingBetaHeaderIs400InvalidBeta) {
  client.set_beta(std::nullopt);
  expect_error(client.get("/v1/assistants"), 400,
               "You must provide the 'OpenAI-Beta' header to access the Assistants API. Please "
               "try again by setting the header 'OpenAI-Beta: assistants=v2'.",
               std::nullopt, "invalid_beta");
}

TEST_F(ErrorsApi, UnknownParameter) {
  expect_error(client.post("/v1/assistants", Json{{"model", "gpt-4o"}, {"file_ids", Json::array()}}),
               400, "Unknown parameter: 'file_ids'.", "file_ids", "unknown_parameter");
}

TEST_F(ErrorsApi, WrongType) {
  expect_error(client.post("/v1/assistants", Json{{"model", "gpt-4o"}, {"name", 42}}), 400,
               "Invalid type for 'name': expected a string, but got an integer instead.", "name",
               "invalid_type");
  expect_error(client.post("/v1/assistants", Json{{"model", "gpt-4o"}, {"metadata", {{"n", 1}}}}),
               400, "Invalid type for 'metadata.n': expected a string, but got an integer instead.",
               "metadata.n", "invalid_type");
}

TEST_F(ErrorsApi, MissingModel) {
  expect_error(client.post("/v1/assistants", Json{{"name", "x"}}), 400,
               "Missing required parameter: 'model'.", "model", "missing_required_parameter");
}

TEST_F(ErrorsApi, BodyThatIsNotJson) {
  expect_error(client.post_raw("/v1/assistants", "{\"model\": "), 400,
               "We could not parse the JSON body of your request. (HINT: This likely means you "
               "aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, "
               "but what was sent was not valid JSON. If you have trouble figuring out how to fix "
               "this, please contact us through our help center at help.openai.com.)");
}

TEST_F(ErrorsApi, BodyThatIsAnArray) {
  expect_error(client.post_raw("/v1/threads", "[1,2]"), 400,
               "Invalid type for request body: expected an object, but got an array instead.",
               std::nullopt, "invalid_type");
}

TEST_F(ErrorsApi, BodyNestedTooDeep) {
  std::string body = "{\"metadata\":";
  for (int i = 0; i < 100; ++i) body += "{\"a\":";
  body += "1";
  body.append(100, '}');
  body += "}";
  expect_error(client.post_raw("/v1/threads", body), 400,
               "Invalid body: JSON nested more than 64 levels deep.", std::nullopt, "json_too_deep");
}

TEST_F(ErrorsApi, WrongIdPrefix) {
  expect_error(client.get("/v1/threads/undefined"), 400,
               "Invalid 'thread_id': 'undefined'. Expected an ID that begins with 'thread'.",
               "thread_id", "invalid_value");
  expect_error(client.get("/v1/assistants/thread_abc"), 400,
               "Invalid 'assistant_id': 'thread_abc'. Expected an ID that begins with 'asst'.",
               "assistant_id", "invalid_value");
  const std::string thread = create_thread(client);
  expect_error(client.get("/v1/threads/" + thread + "/runs/undefined"), 400,
               "Invalid 'run_id': 'undefined'. Expected an ID that begins with 'run'.", "run_id",
               "invalid_value");
}

TEST_F(ErrorsApi, UnknownIdsAre404) {
  expect_error(client.get("/v1/assistants/asst_abc123"), 404,
               "No assistant found with id 'asst_abc123'.");
  expect_error(client.get("/v1/threads/thread_abc123"), 404,
               "No thread found with id 'thread_abc123'.");
  const std::string thread = create_thread(client);
  expect_error(client.get("/v1/threads/" + thread + "/runs/run_abc123"), 404,
               "No run found with id 'run_abc123'.");
  expect_error(client.get("/v1/threads/" + thread + "/messages/msg_abc123"), 404,
               "No message found with id 'msg_abc123'.");
  expect_error(client.post("/v1/threads/" + thread + "/runs", Json{{"assistant_id", "asst_abc123"}}),
               404, "No assistant found with id 'asst_abc123'.");
}

TEST_F(ErrorsApi, UnknownUrlAndMethod) {
  expect_error(client.get("/x"), 404, "Invalid URL (GET /x)");
  expect_error(client.send("PUT", "/v1/assistants", "{}"), 405,
               "Method not allowed (PUT /v1/assistants)");
}

TEST_F(ErrorsApi, ListParameters) {
  expect_error(client.get("/v1/assistants?limit=0"), 400,
               "Invalid 'limit': integer below minimum value. Expected a value >= 1, but got 0 "
               "instead.",
               "limit", "integer_below_min_value");
  expect_error(client.get("/v1/assistants?limit=101"), 400,
               "Invalid 'limit': integer above maximum value. Expected a value <= 100, but got 101 "
               "instead.",
               "limit", "integer_above_max_value");
  expect_error(client.get("/v1/assistants?limit=abc"), 400,
               "Invalid type for 'limit': expected an integer, but got a string that could not be "
               "parsed as an integer instead.",
               "limit", "invalid_type");
  expect_error(client.get("/v1/assistants?order=up"), 400,
               "Invalid value: 'up'. Supported values are: 'asc' and 'desc'.", "order",
               "invalid_value");
}

class ActiveRunErrors : public ::testing::Test {
protected:
  static mock::MockServerConfig slow() {
    mock::MockServerConfig config = test_config();
    config.run_step_ms = 10'000;  // the run stays queued for the whole test
    return config;
  }
  TestServer server{slow()};
  ApiClient client = server.client();
};

TEST_F(ActiveRunErrors, SecondRunAndNewMessagesAreRefused) {
  const std::string assistant = create_assistant(client);
  const std::string thread = create_thread(client);
  add_user_message(client, thread, "hi");
  Json run = post_ok(client, "/v1/threads/" + thread + "/runs", Json{{"assistant_id", assistant}});
  const std::string run_id = run["id"];

  expect_error(client.post("/v1/threads/" + thread + "/runs", Json{{"assistant_id", assistant}}), 400,
               "Thread " + thread + " already has an active run " + run_id + ".");
  expect_error(client.post("/v1/threads/" + thread + "/messages",
                           Json{{"role", "user"}, {"content", "more"}}),
               400, "Can't add messages to " + thread + " while a run " + run_id + " is active.");

  // Other threads are not affected.
  const std::string other = create_thread(client);
  EXPECT_EQ(client.post("/v1/threads/" + other + "/messages", Json{{"role", "user"}, {"content", "x"}})
                .status,
            200);
}

class SmallBodyLimit : public ::testing::Test {
protected:
  static mock::MockServerConfig small() {
    mock::MockServerConfig config = test_config();
    config.http.max_body_bytes = 2048;
    return config;
  }
  TestServer server{small()};
  ApiClient client = server.client();
};

TEST_F(SmallBodyLimit, BodyOverTheLimitIs413InTheEnvelope) {
  auto ok = client.post("/v1/assistants", Json{{"model", "gpt-4o"}, {"description", std::string(500, 'd')}});
  EXPECT_EQ(ok.status, 200) << describe(ok);
  auto result = client.post(
      "/v1/threads", Json{{"messages", Json::array({Json{{"role", "user"}, {"content", std::string(4096, 'x')}}})}});
  expect_error(result, 413, "Request body too large.", std::nullopt, "request_too_large");
  // The server is still fine afterwards.
  EXPECT_EQ(client.get("/v1/assistants").status, 200);
}

}  // namespace
