// No secret survives redaction, and redaction never breaks a match (STYLE.md §5).
#include <gtest/gtest.h>

#include "cassettes/cassette_json.hpp"
#include "recorder/matchers.hpp"
#include "recorder/redaction.hpp"

namespace recorder {
namespace {
using cassettes::Interaction;
using cassettes::Json;

constexpr const char* k_key = "sk-proj-TOPSECRET-abcdef123456";

Interaction exchange_with_secrets() {
  Interaction interaction;
  auto& request = interaction.request;
  request.method = "POST";
  request.path = "/v1/threads";
  request.query = {{"api-key", "query-secret-123456"}, {"limit", "2"}};
  request.headers = {{"authorization", std::string("Bearer ") + k_key},
                     {"openai-organization", "org-SECRETORG123"},
                     {"openai-project", "proj_SECRETPROJ123"},
                     {"cookie", "session=cookie-secret-123"},
                     {"x-api-key", "xapikey-secret-123"},
                     {"api-key", "azure-secret-1234"},
                     {"x-auth-token", "token-secret-1234"},
                     {"x-custom-signature", "custom-secret-123"},
                     {"content-type", "application/json"},
                     {"openai-beta", "assistants=v2"}};
  request.body = cassettes::JsonBody{
      Json::parse(R"({"metadata":{"email":"ann@example.com","plan":"pro"},"note":"my key is sk-proj-TOPSECRET-abcdef123456"})")};
  auto& response = interaction.response;
  response.headers = {{"set-cookie", "__cf_bm=cookie-from-server-123"},
                      {"openai-organization", "org-SECRETORG123"},
                      {"content-type", "application/json"},
                      {"x-request-id", "req_1"}};
  response.body = cassettes::JsonBody{Json::parse(
      R"({"data":[{"metadata":{"token":"tok-in-body-123","keep":"yes"}}],"echo":"Bearer sk-proj-TOPSECRET-abcdef123456"})")};
  return interaction;
}

Redactor redactor_with_extras() {
  auto redactor = Redactor::create({{"X-Custom-Signature"}, {"metadata.email", "data[*].metadata.token"}});
  EXPECT_TRUE(redactor.has_value());
  return std::move(*redactor);
}

TEST(Redaction, NoSecretSurvivesInHeadersQueryOrConfiguredPaths) {
  const Interaction redacted = redactor_with_extras().redact(exchange_with_secrets());
  const std::string text = cassettes::interaction_to_json(redacted).dump();
  for (const char* secret :
       {"TOPSECRET", "SECRETORG", "SECRETPROJ", "cookie-secret", "xapikey-secret", "azure-secret", "token-secret",
        "custom-secret", "query-secret", "cookie-from-server", "ann@example.com", "tok-in-body"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " survived in " << text;
  }
  // What is not secret stays readable.
  for (const char* kept : {"assistants=v2", "application/json", "\"plan\":\"pro\"", "\"keep\":\"yes\"", "req_1", "\"limit\""}) {
    EXPECT_NE(text.find(kept), std::string::npos) << kept << " was lost from " << text;
  }
  EXPECT_EQ(cassettes::find_header(redacted.request.headers, "authorization").value_or(""), "[REDACTED]");
  EXPECT_EQ(std::get<cassettes::JsonBody>(redacted.request.body).value["metadata"]["email"], "[REDACTED]");
  EXPECT_EQ(std::get<cassettes::JsonBody>(redacted.request.body).value["note"], "my key is [REDACTED]")
      << "the bearer key is scrubbed wherever it is echoed";
  EXPECT_EQ(std::get<cassettes::JsonBody>(redacted.response.body).value["echo"], "[REDACTED]");
}

TEST(Redaction, HeaderNamesContainingApiKeyOrTokenAreSecretWhateverTheirCase) {
  for (const char* name : {"Authorization", "OPENAI-ORGANIZATION", "OpenAI-Project", "Cookie", "Set-Cookie",
                           "X-Api-Key", "api-key", "X-Goog-Api-Key", "X-Auth-Token", "x-csrf-token", "Proxy-Authorization"}) {
    EXPECT_TRUE(is_builtin_secret_header(name)) << name;
  }
  for (const char* name : {"Content-Type", "OpenAI-Beta", "User-Agent", "x-request-id", "openai-processing-ms"}) {
    EXPECT_FALSE(is_builtin_secret_header(name)) << name;
  }
}

TEST(Redaction, EventStreamDataIsRedactedEventByEvent) {
  Interaction interaction;
  interaction.request.method = "POST";
  interaction.request.headers = {{"authorization", std::string("Bearer ") + k_key}};
  cassettes::EventStreamBody stream;
  stream.events.push_back({"thread.message.delta", Json::parse(R"({"metadata":{"email":"ann@example.com"}})"), "", 3});
  stream.events.push_back({"error", Json::parse(std::string(R"({"message":"bad key )") + k_key + "\"}"), "", 5});
  interaction.response.body = stream;
  const Interaction redacted = redactor_with_extras().redact(interaction);
  const auto& events = std::get<cassettes::EventStreamBody>(redacted.response.body).events;
  EXPECT_EQ(events[0].data["metadata"]["email"], "[REDACTED]");
  EXPECT_EQ(events[1].data["message"], "bad key [REDACTED]");
  EXPECT_EQ(events[1].at_ms, 5);
}

TEST(Redaction, NeverBreaksAMatch) {
  const Redactor redactor = redactor_with_extras();
  const Interaction recorded = redactor.redact(exchange_with_secrets());
  // The same request later, with another key, org and e-mail: after the same pipeline it matches.
  Interaction later = exchange_with_secrets();
  later.request.headers[0].second = "Bearer sk-another-key-0000000000";
  later.request.headers[1].second = "org-other";
  std::get<cassettes::JsonBody>(later.request.body).value["metadata"]["email"] = "bob@example.com";
  std::get<cassettes::JsonBody>(later.request.body).value["note"] = "my key is sk-another-key-0000000000";
  const auto live = redactor.redact_request(later.request);
  const MatcherSet strict = *parse_match_on("method,path,query,json_body,header:authorization,header:openai-organization");
  EXPECT_TRUE(match_failures(strict, live, recorded.request).empty())
      << explain_miss(strict, live, std::vector<Interaction>{recorded});
}

TEST(Redaction, RefusesAJsonPathItCannotRead) {
  const auto bad = Redactor::create({{}, {"metadata..email"}});
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().find("invalid JSON path 'metadata..email'"), std::string::npos) << bad.error();
  EXPECT_FALSE(Redactor::create({{}, {"a[*"}}).has_value());
  EXPECT_TRUE(Redactor::create({{}, {"$.a.0.b", "a[0].b", "*"}}).has_value());
}

TEST(JsonPath, ReachesKeysIndexesAndWildcards) {
  Json doc = Json::parse(R"({"a":[{"b":1},{"b":2},{"c":3}],"d":{"e":{"b":4}}})");
  EXPECT_EQ(JsonPath::parse("a[*].b")->replace_in(doc, "x"), 2U);
  EXPECT_EQ(doc["a"][0]["b"], "x");
  EXPECT_EQ(doc["a"][2]["c"], 3);
  EXPECT_EQ(JsonPath::parse("$.d.*.b")->replace_in(doc, "y"), 1U);
  EXPECT_EQ(doc["d"]["e"]["b"], "y");
  EXPECT_EQ(JsonPath::parse("a.1")->replace_in(doc, "z"), 1U);
  EXPECT_EQ(doc["a"][1], "z");
  EXPECT_EQ(JsonPath::parse("nope.b")->replace_in(doc, "z"), 0U);
}

}  // namespace
}  // namespace recorder
