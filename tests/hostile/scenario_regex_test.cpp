// A scenario is client input too (PUT /__admin/scenario), and its `message_matches` pattern
// runs over client text. A backtracking engine takes exponential time on `(a+)+$` against
// "aaa...a!" (and libstdc++'s std::regex overflows the stack on long input, TOOLCHAIN.md);
// RE2 answers in linear time. Both runs here go through the admin API and the run driver.
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "tests/hostile/support/hostile_server.hpp"
#include "tests/support/api_expect.hpp"

namespace hostile {
namespace {
using mock::Json;
using tests::support::ApiClient;
using tests::support::TestServer;

// Runs `text` as the user's message to completion; returns the assistant's reply.
std::string reply_to(ApiClient& client, const std::string& assistant, const std::string& text) {
  const Json run = tests::support::post_ok(
      client, "/v1/threads/runs",
      Json{{"assistant_id", assistant},
           {"thread", {{"messages", Json::array({Json{{"role", "user"}, {"content", text}}})}}}});
  const Json done = tests::support::poll_run(client, run["thread_id"], run["id"],
                                             [](const Json& r) { return r["status"] == "completed"; }, 5s);
  EXPECT_EQ(done["status"], "completed") << done.dump().substr(0, 300);
  const Json messages = tests::support::get_ok(
      client, "/v1/threads/" + run["thread_id"].get<std::string>() + "/messages?order=desc&limit=1");
  return messages["data"][0]["content"][0]["text"]["value"].get<std::string>().substr(0, 100);
}

TEST(ScenarioRegex, CatastrophicBacktrackingPatternRunsInLinearTimeOver256KB) {
  TestServer server(hostile_config());
  ApiClient client = server.client();
  const tests::support::ApiResult put = client.send("PUT", "/__admin/scenario", Json{
      {"name", "redos"},
      {"rules", Json::array({Json{{"when", {{"message_matches", "(a+)+$"}}}, {"then", Json::array({Json{{"message", "matched"}}})}},
                             Json{{"when", {{"message_matches", "(x+x+)+y"}}}, {"then", Json::array({Json{{"message", "xy"}}})}}})}}.dump());
  ASSERT_EQ(put.status, 200) << tests::support::describe(put);
  const std::string assistant = tests::support::create_assistant(client);

  OrdinaryClients ordinary(server, 2);
  const std::size_t size = 256'000;  // the service's longest message content
  const auto started = std::chrono::steady_clock::now();
  // Neither pattern matches these: a backtracking engine tries every split of the run of
  // letters before giving up.
  EXPECT_NE(reply_to(client, assistant, std::string(size - 1, 'a') + "!"), "matched");
  EXPECT_NE(reply_to(client, assistant, std::string(size, 'x')), "xy");
  EXPECT_EQ(reply_to(client, assistant, std::string(size, 'a')), "matched") << "the pattern still works";
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_LT(took, 6s) << "three runs over 256 KB messages took "
                      << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms";
  ordinary.expect_all_served();
}

TEST(ScenarioRegex, APatternTooLargeToCompileIs400NamingThePath) {
  TestServer server(hostile_config());
  ApiClient client = server.client();
  const tests::support::ApiResult put = client.send("PUT", "/__admin/scenario", Json{
      {"name", "huge"},
      {"rules", Json::array({Json{{"when", {{"message_matches", "((((a{100}){100}){100}){100})"}}},
                                  {"then", Json::array({Json{{"message", "never"}}})}}})}}.dump());
  EXPECT_EQ(put.status, 400) << tests::support::describe(put);
  EXPECT_NE(put.body.find("message_matches"), std::string::npos) << put.body;
  expect_served_promptly(server);
}

}  // namespace
}  // namespace hostile
