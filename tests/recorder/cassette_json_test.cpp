// The cassette format round-trips every body kind, writes stable bytes, and refuses
// versions it cannot read with the way forward in the message.
#include <gtest/gtest.h>

#include "cassettes/cassette_file.hpp"
#include "cassettes/cassette_json.hpp"

namespace cassettes {
namespace {

Cassette sample() {
  Cassette cassette;
  cassette.meta = {"assistants-mock 0.1.0", "2024-01-01T00:00:00Z", "https://api.openai.com", "assistants=v2",
                   {{"x-signature"}, {"metadata.email"}}};
  Interaction json;
  json.request = {"POST", "/v1/assistants", {}, {{"content-type", "application/json"}, {"openai-beta", "assistants=v2"}},
                  JsonBody{Json::parse(R"({"model":"gpt-4","name":"Math Tutor","tools":[{"type":"code_interpreter"}]})")}};
  json.response = {200, {{"content-type", "application/json"}, {"x-request-id", "req_1"}},
                   JsonBody{Json::parse(R"({"id":"asst_1","object":"assistant","top_p":1.0,"n":null})")}};
  json.duration_ms = 12;
  Interaction text;
  text.request = {"GET", "/v1/threads/thread_1/messages", {{"order", "asc"}, {"include[]", "a"}, {"include[]", "b"}},
                  {{"accept", "*/*"}, {"x-multi", "one"}, {"x-multi", "two"}}, NoBody{}};
  text.response = {404, {{"content-type", "text/plain"}}, TextBody{"not here: ünïcödé\n"}};
  Interaction binary;
  binary.request = {"POST", "/v1/files", {}, {{"content-type", "application/octet-stream"}},
                    BinaryBody{std::string("\x00\xff\xfe PNG\x89", 8)}};
  binary.response = {200, {}, BinaryBody{std::string("\x01\x02\x03", 3)}};
  Interaction stream;
  stream.request = {"POST", "/v1/threads/runs", {}, {}, JsonBody{Json{{"stream", true}}}};
  stream.response = {200, {{"content-type", "text/event-stream"}},
                     EventStreamBody{{{"thread.run.created", Json{{"id", "run_1"}}, "", 3},
                                      {"thread.message.delta", Json::parse(R"({"delta":{"content":[{"text":"hi"}]}})"), "7", 9},
                                      {"", Json("plain text\nsecond line"), "", 10},
                                      {"done", Json("[DONE]"), "", 11}}}};
  cassette.interactions = {json, text, binary, stream};
  return cassette;
}

TEST(CassetteJson, RoundTripsEveryBodyKind) {
  const Cassette original = sample();
  const std::string bytes = serialize_cassette(original);
  auto reloaded = cassette_from_json(Json::parse(bytes));
  ASSERT_TRUE(reloaded.has_value()) << reloaded.error().message;
  EXPECT_EQ(serialize_cassette(*reloaded), bytes) << "load -> save gives the same bytes";
  ASSERT_EQ(reloaded->interactions.size(), 4U);
  EXPECT_EQ(std::get<BinaryBody>(reloaded->interactions[2].request.body).bytes, std::string("\x00\xff\xfe PNG\x89", 8));
  EXPECT_EQ(std::get<TextBody>(reloaded->interactions[1].response.body).text, "not here: ünïcödé\n");
  const auto& events = std::get<EventStreamBody>(reloaded->interactions[3].response.body).events;
  ASSERT_EQ(events.size(), 4U);
  EXPECT_EQ(events[1].id, "7");
  EXPECT_EQ(events[1].at_ms, 9);
  EXPECT_EQ(events[3].data, "[DONE]");
  EXPECT_EQ(reloaded->interactions[1].request.query.size(), 3U);
  EXPECT_EQ(reloaded->meta.redaction.json_paths, std::vector<std::string>{"metadata.email"});
  EXPECT_EQ(reloaded->meta.api_version, "assistants=v2");
}

TEST(CassetteJson, MetaContractIsWrittenOnlyWhenKnown) {
  // Left out when unknown (what the recorder writes), so existing cassettes keep their bytes.
  Cassette cassette = sample();
  EXPECT_EQ(serialize_cassette(cassette).find("\"contract\""), std::string::npos);
  cassette.meta.contract = "v1-2023-12";
  const std::string bytes = serialize_cassette(cassette);
  EXPECT_NE(bytes.find("\"contract\": \"v1-2023-12\""), std::string::npos);
  auto reloaded = cassette_from_json(Json::parse(bytes));
  ASSERT_TRUE(reloaded.has_value()) << reloaded.error().message;
  EXPECT_EQ(reloaded->meta.contract, "v1-2023-12");
  EXPECT_EQ(serialize_cassette(*reloaded), bytes);
  Json bad = cassette_to_json(cassette);
  bad["meta"]["contract"] = 2;
  EXPECT_EQ(cassette_from_json(std::move(bad)).error().message, "meta.contract: expected a string or null");
}

TEST(CassetteJson, WritesKeysInAFixedOrderWithTwoSpaceIndentation) {
  const std::string bytes = serialize_cassette(sample());
  EXPECT_EQ(bytes.rfind("{\n  \"format\": \"assistants-mock-cassette\",\n  \"version\": 1,\n  \"meta\": {\n    \"tool\"", 0), 0U)
      << bytes.substr(0, 200);
  EXPECT_LT(bytes.find("\"request\""), bytes.find("\"response\""));
  EXPECT_LT(bytes.find("\"method\""), bytes.find("\"path\""));
  // Headers sorted by name, a repeated one as a list; bodies keep the server's key order.
  EXPECT_NE(bytes.find("\"x-multi\": [\n"), std::string::npos);
  EXPECT_LT(bytes.find("\"model\": \"gpt-4\""), bytes.find("\"name\": \"Math Tutor\""));
  EXPECT_NE(bytes.find("\"base64\": \"AP/+IFBOR4k=\""), std::string::npos);
  EXPECT_EQ(bytes.back(), '\n');
}

TEST(CassetteJson, RefusesUnknownVersionsNamingTheUpgradePath) {
  Json newer = cassette_to_json(sample());
  newer["version"] = 2;
  const auto result = cassette_from_json(std::move(newer));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().message,
            "version: cassette format version 2 is newer than this assistants-mock reads (up to 1): upgrade "
            "assistants-mock to replay it");
  Json older = cassette_to_json(sample());
  older["version"] = 0;
  EXPECT_NE(cassette_from_json(std::move(older)).error().message.find("Re-record the cassette"), std::string::npos);
}

TEST(CassetteJson, AVersionAboveItsOwnWithoutFormatIsANewerFormatNotVcrpy) {
  // vcrpy only ever wrote "version": 1, so a higher version is a format newer than this build.
  const auto result =
      cassette_from_json(Json::parse(R"({"version": 99, "meta": {}, "interactions": []})"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().message,
            "version: cassette format version 99 is newer than this assistants-mock reads (up to 1): upgrade "
            "assistants-mock to replay it");
  EXPECT_FALSE(result.error().not_a_cassette);
}

TEST(CassetteJson, TellsOtherJsonDocumentsFromCassettesItCannotRead) {
  // Other JSON documents (a schema, a fixture) are not cassettes: `check DIR` skips them.
  for (const char* other : {"[1,2]", R"({"$schema": "x", "title": "t"})", R"({"format": "har", "version": 1})"}) {
    const auto result = cassette_from_json(Json::parse(other));
    ASSERT_FALSE(result.has_value()) << other;
    EXPECT_TRUE(result.error().not_a_cassette) << other << ": " << result.error().message;
  }
  // Cassettes it cannot read are not skipped: another tool's, a newer format, a broken field.
  Json broken = cassette_to_json(sample());
  broken["interactions"][0]["response"]["status"] = "ok";
  Json newer = cassette_to_json(sample());
  newer["version"] = 2;
  for (Json document : {Json::parse(R"({"version": 1, "interactions": []})"), broken, newer}) {
    const auto result = cassette_from_json(std::move(document));
    ASSERT_FALSE(result.has_value());
    EXPECT_FALSE(result.error().not_a_cassette) << result.error().message;
  }
}

TEST(CassetteJson, RecognisesForeignDocuments) {
  EXPECT_NE(cassette_from_json(Json::parse(R"({"version":1,"interactions":[]})")).error().message.find("vcrpy"),
            std::string::npos);
  EXPECT_NE(cassette_from_json(Json::parse("[1,2]")).error().message.find("not a JSON object"), std::string::npos);
  EXPECT_NE(cassette_from_json(Json::parse(R"({"a":1})")).error().message.find("not an assistants-mock cassette"),
            std::string::npos);
}

TEST(CassetteJson, NamesTheLocationOfABadField) {
  Json document = cassette_to_json(sample());
  document["interactions"][3]["response"]["body"]["events"][1]["at_ms"] = "soon";
  EXPECT_EQ(cassette_from_json(Json(document)).error().message, "interactions[3].response.body.events[1].at_ms: expected an integer");
  document = cassette_to_json(sample());
  document["interactions"][0]["response"]["body"] = Json{{"xml", "<a/>"}};
  EXPECT_EQ(cassette_from_json(Json(document)).error().message,
            "interactions[0].response.body: unknown body kind \"xml\" (json, text, base64 or events)");
  document = cassette_to_json(sample());
  document["interactions"][2]["request"]["body"]["base64"] = "!!!";
  EXPECT_EQ(cassette_from_json(Json(document)).error().message, "interactions[2].request.body.base64: not valid base64");
  document = cassette_to_json(sample());
  document["interactions"][1]["response"]["status"] = 42;
  EXPECT_NE(cassette_from_json(Json(document)).error().message.find("status"), std::string::npos);
}

}  // namespace
}  // namespace cassettes
