// The request journal: bounded (oldest dropped, counted), secrets redacted before they are
// kept, bodies kept as JSON or cut text with their size, and every list filter.
#include "observe/journal.hpp"

#include <gtest/gtest.h>

#include "http/api_error.hpp"

namespace mock::observe {
namespace {
using http::ApiRequest;
using http::ApiResponse;

ApiRequest request(std::string method, std::string path, std::string body = "") {
  ApiRequest out;
  out.method = std::move(method);
  out.path = std::move(path);
  out.body = std::move(body);
  return out;
}

ApiResponse answer(int status, std::string served_by = "route") {
  ApiResponse out;
  out.status = status;
  out.served_by = std::move(served_by);
  return out;
}

std::vector<std::string> paths(const Json& listed) {
  std::vector<std::string> out;
  for (const Json& entry : listed["entries"]) out.push_back(entry["path"]);
  return out;
}

TEST(Journal, KeepsTheNewestEntriesAndCountsWhatItDropped) {
  Journal journal(3);
  for (int i = 1; i <= 5; ++i) journal.record(request("GET", "/v1/p" + std::to_string(i)), answer(200), 1, i);
  const Json listed = journal.list({});
  EXPECT_EQ(paths(listed), (std::vector<std::string>{"/v1/p3", "/v1/p4", "/v1/p5"}));
  EXPECT_EQ(listed["dropped"], 2);
  EXPECT_EQ(listed["capacity"], 3);
  EXPECT_EQ(journal.dropped(), 2U);
  EXPECT_EQ(listed["entries"][0]["id"], 3) << "ids keep counting across drops";
  journal.clear();
  EXPECT_TRUE(journal.list({})["entries"].empty());
  EXPECT_EQ(journal.dropped(), 0U);
}

TEST(Journal, SizeZeroKeepsNothing) {
  Journal journal(0);
  journal.record(request("GET", "/v1/assistants"), answer(200), 1, 0);
  EXPECT_FALSE(journal.enabled());
  EXPECT_TRUE(journal.list({})["entries"].empty());
}

TEST(Journal, SecretHeadersAndQueryParametersAreRedactedBeforeTheyAreKept) {
  Journal journal;
  ApiRequest r = request("GET", "/v1/assistants");
  r.headers.emplace("Authorization", "Bearer sk-secret-123");
  r.headers.emplace("OpenAI-Organization", "org-secret");
  r.headers.emplace("OpenAI-Project", "proj_secret");
  r.headers.emplace("Cookie", "session=secret");
  r.headers.emplace("X-Api-Key", "secret-key");
  r.headers.emplace("OpenAI-Beta", "assistants=v2");
  r.query = {{"api_key", "secret-q"}, {"limit", "2"}};
  journal.record(r, answer(200), 1, 0);
  const Json entry = journal.list({})["entries"][0];
  EXPECT_EQ(entry["headers"]["authorization"], k_redacted);
  EXPECT_EQ(entry["headers"]["openai-organization"], k_redacted);
  EXPECT_EQ(entry["headers"]["openai-project"], k_redacted);
  EXPECT_EQ(entry["headers"]["cookie"], k_redacted);
  EXPECT_EQ(entry["headers"]["x-api-key"], k_redacted);
  EXPECT_EQ(entry["headers"]["openai-beta"], "assistants=v2") << "other headers are kept as sent";
  EXPECT_EQ(entry["query"]["api_key"], k_redacted);
  EXPECT_EQ(entry["query"]["limit"], "2");
  EXPECT_EQ(entry.dump().find("secret"), std::string::npos) << entry.dump();
}

TEST(Journal, JsonBodiesAreKeptAsJsonAndLargeOnesAreCutWithTheirSize) {
  Journal journal;
  journal.record(request("POST", "/v1/threads", R"({"metadata":{"k":"v"}})"), answer(200), 1, 0);
  const std::string big(Journal::k_max_body_bytes + 100, 'x');
  journal.record(request("POST", "/v1/files", big), answer(200), 1, 0);
  journal.record(request("POST", "/v1/bad", "not json \xff"), answer(400), 1, 0);
  const Json entries = journal.list({})["entries"];
  EXPECT_EQ(entries[0]["body"], (Json{{"metadata", {{"k", "v"}}}}));
  EXPECT_EQ(entries[0]["body_truncated"], false);
  EXPECT_EQ(entries[1]["body_bytes"], big.size());
  EXPECT_EQ(entries[1]["body_truncated"], true);
  EXPECT_EQ(entries[1]["body"].get<std::string>().size(), Journal::k_max_body_bytes);
  EXPECT_TRUE(entries[2]["body"].is_string()) << "text that is not JSON is kept as text";
  EXPECT_NO_THROW((void)entries.dump()) << "invalid UTF-8 is replaced, so the journal prints";
}

TEST(Journal, EveryByteOfTheRequestComesBackAsSent) {
  // Entries are kept packed in one buffer; what a reader unpacks must be what came in,
  // NUL bytes and empty values included.
  Journal journal;
  ApiRequest r = request("PATCH", std::string("/v1/odd\0path", 12), std::string("{\"a\":\"\\u0000\"}"));
  r.query = {{"empty", ""}, {std::string("n\0ul", 4), std::string("v\0al", 4)}, {"empty", "again"}};
  r.headers.emplace("X-Empty", "");
  r.headers.emplace("X-Repeated", "one");
  r.headers.emplace("X-Repeated", "two");
  journal.record(r, answer(418, "teapot"), 2.5, 77);
  const Json entry = journal.list({})["entries"][0];
  EXPECT_EQ(entry["method"], "PATCH");
  EXPECT_EQ(entry["path"], std::string("/v1/odd\0path", 12));
  EXPECT_EQ(entry["query"]["empty"], "again");
  EXPECT_EQ(entry["query"][std::string("n\0ul", 4)], std::string("v\0al", 4));
  EXPECT_EQ(entry["headers"]["x-empty"], "");
  EXPECT_EQ(entry["body"], (Json{{"a", std::string(1, '\0')}}));
  EXPECT_EQ(entry["body_bytes"], r.body.size());
  EXPECT_EQ(entry["status"], 418);
  EXPECT_EQ(entry["served_by"], "teapot");
  EXPECT_EQ(entry["duration_ms"], 2.5);
  EXPECT_EQ(entry["received_at_ms"], 77);
  EXPECT_EQ(journal.count(Json{{"method", "PATCH"}, {"query", {{"empty", "again"}}}}), 1U);
}

TEST(Journal, ListFiltersByMethodPathRegexStatusSinceAndLimit) {
  Journal journal;
  journal.record(request("POST", "/v1/threads"), answer(200), 1, 0);                  // id 1
  journal.record(request("POST", "/v1/threads/thread_a/runs"), answer(200), 1, 0);    // id 2
  journal.record(request("GET", "/v1/threads/thread_a/runs/run_1"), answer(200), 1, 0);  // id 3
  journal.record(request("GET", "/v1/threads/thread_a/runs/run_1"), answer(404), 1, 0);  // id 4
  journal.record(request("GET", "/v1/nothing"), answer(404, ""), 1, 0);               // id 5

  JournalQuery q;
  q.method = "POST";
  EXPECT_EQ(paths(journal.list(q)), (std::vector<std::string>{"/v1/threads", "/v1/threads/thread_a/runs"}));
  q = {};
  q.path = "/v1/threads/*/runs/*";
  EXPECT_EQ(journal.list(q)["entries"].size(), 2U);
  q = {};
  q.path = "/v1/threads/**";
  EXPECT_EQ(journal.list(q)["entries"].size(), 3U) << "** crosses segments";
  q = {};
  q.path_regex = "/v1/threads/[^/]+/runs";
  EXPECT_EQ(paths(journal.list(q)), (std::vector<std::string>{"/v1/threads/thread_a/runs"}));
  q = {};
  q.status = 404;
  EXPECT_EQ(journal.list(q)["entries"].size(), 2U);
  q = {};
  q.since_id = 3;
  EXPECT_EQ(journal.list(q)["entries"][0]["id"], 4);
  q = {};
  q.limit = 2;
  EXPECT_EQ(journal.list(q)["entries"][0]["id"], 4) << "the newest `limit` entries, oldest first";
  q = {};
  q.unmatched_only = true;
  EXPECT_EQ(paths(journal.list(q)), (std::vector<std::string>{"/v1/nothing"}));
  EXPECT_EQ(journal.list(q)["entries"][0]["served_by"], "unmatched");
}

TEST(Journal, ABadRegexIsA400NamingTheParameter) {
  Journal journal;
  JournalQuery q;
  q.path_regex = "(";
  try {
    (void)journal.list(q);
    FAIL() << "expected an ApiError";
  } catch (const http::ApiError& error) {
    EXPECT_EQ(error.status(), 400);
    EXPECT_EQ(error.param(), "path_regex");
  }
}

TEST(Journal, KeepsWhatServedTheRequestAndWhyNothingDid) {
  Journal journal;
  ApiResponse miss = answer(400, "");
  miss.near_miss = "Closest recorded: #0 POST /v1/assistants";
  journal.record(request("POST", "/v1/assistants"), miss, 2.5, 1234);
  const Json entry = journal.list({})["entries"][0];
  EXPECT_EQ(entry["served_by"], "unmatched");
  EXPECT_EQ(entry["near_miss"], "Closest recorded: #0 POST /v1/assistants");
  EXPECT_EQ(entry["status"], 400);
  EXPECT_EQ(entry["duration_ms"], 2.5);
  EXPECT_EQ(entry["received_at_ms"], 1234);
}

}  // namespace
}  // namespace mock::observe
