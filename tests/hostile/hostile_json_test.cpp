// Hostile content inside well-formed requests: invalid UTF-8 (in JSON strings, and in the
// path of a request the server cannot finish reading, which used to kill the process: the
// error envelope was serialised strictly, the exception escaped httplib's worker and called
// std::terminate), JSON nested 100,000 levels deep (nlohmann parses it but dump() of it
// overflows the stack, and the journal keeps request bodies), and metadata far too long.
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "tests/hostile/support/hostile_server.hpp"
#include "tests/hostile/support/raw_http.hpp"
#include "tests/support/api_expect.hpp"

namespace hostile {
namespace {
using mock::Json;
using tests::support::TestServer;

RawResponse round_trip(const TestServer& server, const std::string& request, std::chrono::milliseconds wait = 3s) {
  RawConnection connection(server.port());
  connection.send(request);
  return connection.read_response(wait);
}

// The admin views that serialise what clients sent still answer, as valid UTF-8 JSON.
void expect_admin_views_readable(const TestServer& server) {
  tests::support::ApiClient client = server.client();
  for (const char* path : {"/__admin/requests", "/__admin/requests/unmatched", "/__admin/state", "/__admin/metrics"}) {
    const tests::support::ApiResult result = client.get(path);
    EXPECT_EQ(result.status, 200) << path << ": " << tests::support::describe(result);
  }
  const tests::support::ApiResult journal = client.get("/__admin/requests");
  EXPECT_TRUE(journal.json.is_object()) << "the journal is not JSON any more";
}

TEST(HostileJson, InvalidUtf8InAJsonStringIs400) {
  TestServer server(hostile_config());
  const std::string body = "{\"model\":\"gpt-4o\",\"name\":\"\xff\xfe\xc3\x28\"}";
  const RawResponse answer = round_trip(server, http_request("POST", "/v1/assistants", api_headers(), body));
  EXPECT_EQ(answer.status, 400) << answer.describe();
  EXPECT_TRUE(answer.is_error_envelope()) << answer.describe();
  EXPECT_NE(answer.json["error"]["message"].get<std::string>().find("could not parse the JSON body"),
            std::string::npos);
  expect_admin_views_readable(server);
  expect_served_promptly(server);
}

TEST(HostileJson, InvalidUtf8InPathAndQueryIsAnsweredAsValidJson) {
  TestServer server(hostile_config());
  for (const std::string& target : {std::string("/v1/assistants/%FF%FE"), std::string("/v1/assistants?after=%C3%28"),
                                    std::string("/v1/%FF/x")}) {
    const RawResponse answer = round_trip(server, http_request("GET", target, api_headers()));
    EXPECT_GE(answer.status, 400) << target << ": " << answer.describe();
    EXPECT_LT(answer.status, 500) << target << ": " << answer.describe();
    EXPECT_TRUE(answer.is_error_envelope()) << target << ": " << answer.describe();
  }
  expect_admin_views_readable(server);
}

// Before the fix: one such request ended the server process.
TEST(HostileJson, AnUnfinishedRequestWithAnInvalidUtf8PathDoesNotKillTheServer) {
  TestServer server(hostile_config());
  // A body that never completes: the server answers 408 from the HTTP front.
  const RawResponse stalled = round_trip(
      server, "POST /%FF%FE HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\nabc", 4s);
  EXPECT_EQ(stalled.status, 408) << stalled.describe();
  EXPECT_TRUE(stalled.is_error_envelope()) << stalled.describe();
  // A broken chunked body: httplib's own 400, whose message names the path.
  const RawResponse broken = round_trip(
      server, "POST /%FF%FE HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n");
  EXPECT_EQ(broken.status, 400) << broken.describe();
  EXPECT_TRUE(broken.is_error_envelope()) << broken.describe();
  expect_admin_views_readable(server);
  expect_served_promptly(server);
}

TEST(HostileJson, JsonNested100000LevelsDeepIs400AndTheJournalStaysReadable) {
  TestServer server(hostile_config());
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  const std::string deep_object = R"({"model":"gpt-4o","metadata":{"k":)" + deep + "}}";
  for (const std::string& body : {deep, deep_object}) {
    const RawResponse answer = round_trip(server, http_request("POST", "/v1/assistants", api_headers(), body));
    EXPECT_EQ(answer.status, 400) << answer.describe();
    EXPECT_EQ(answer.error_code(), "json_too_deep") << answer.describe();
  }
  tests::support::ApiClient client = server.client();
  const tests::support::ApiResult scenario = client.send("PUT", "/__admin/scenario", deep);
  EXPECT_EQ(scenario.status, 400) << tests::support::describe(scenario);
  expect_admin_views_readable(server);
  expect_served_promptly(server);
}

TEST(HostileJson, VeryLongMetadataIsRefusedWithoutEchoingIt) {
  TestServer server(hostile_config());
  tests::support::ApiClient client = server.client();
  const std::string huge(1024 * 1024, 'm');
  std::string many_keys = "{";
  for (int i = 0; i < 10'000; ++i) many_keys += (i == 0 ? "\"k" : ",\"k") + std::to_string(i) + "\":\"v\"";
  many_keys += "}";
  for (const std::string& metadata : {"{\"k\":\"" + huge + "\"}", "{\"" + huge + "\":\"v\"}", many_keys}) {
    const tests::support::ApiResult result =
        client.post_raw("/v1/assistants", R"({"model":"gpt-4o","metadata":)" + metadata + "}");
    EXPECT_EQ(result.status, 400) << tests::support::describe(result);
    EXPECT_TRUE(result.error_object().value("param", "").starts_with("metadata")) << tests::support::describe(result);
    EXPECT_LT(result.body.size(), 2048U) << "the error echoes the oversized metadata";
  }
  const std::string thread = tests::support::create_thread(client);
  const tests::support::ApiResult message = client.post(
      "/v1/threads/" + thread + "/messages", Json{{"role", "user"}, {"content", "hi"}, {"metadata", {{"k", huge}}}});
  EXPECT_EQ(message.status, 400) << tests::support::describe(message);
  EXPECT_EQ(tests::support::get_ok(client, "/v1/assistants")["data"].size(), 0U);
  expect_admin_views_readable(server);
  expect_served_promptly(server);
}

// ordered_json's own parser searches an object's keys linearly for every key it adds: 40,000
// keys took 35 s of CPU, so these would take minutes. The request body parser indexes keys.
TEST(HostileJson, AnObjectWithAHundredThousandKeysIsParsedInLinearTime) {
  TestServer server(hostile_config());
  std::string body = R"({"model":"gpt-4o","metadata":{)";
  for (int i = 0; i < 100'000; ++i) body += (i == 0 ? "\"k" : ",\"k") + std::to_string(i) + "\":\"v\"";
  body += "}}";
  OrdinaryClients ordinary(server, 2);
  const RawResponse answer = round_trip(server, http_request("POST", "/v1/assistants", api_headers(), body), 60s);
  EXPECT_EQ(answer.status, 400) << answer.describe();
  EXPECT_TRUE(answer.is_error_envelope()) << answer.describe();
  // Quadratic would be minutes; linear is about a second under ASan. The bound sits between
  // with room for a loaded machine (3 s failed once while another build ran beside it).
  EXPECT_LT(answer.elapsed, 20s) << "a body of " << body.size() << " bytes took " << answer.elapsed.count() << " ms";
  ordinary.expect_all_served();
}

}  // namespace
}  // namespace hostile
