// `record` and `replay` answer the admin calls `serve` answers, under the same rules: with
// an admin token, every /__admin call needs it (those the proxy would forward too); with the
// journal off (--journal-size 0), the journal's routes say so instead of counting nothing.
#include <gtest/gtest.h>

#include "tests/recorder/support/harness.hpp"

namespace recorder_tests {
namespace {
// serve, record and replay in-process, each with the settings the shared flags fill in.
const std::string k_example_cassette = std::string(AM_SOURCE_DIR) + "/cassettes/examples/seed_article_v2.json";
const std::string k_token = "admin-token-1234";

// The three servers with `tweak` applied to the shared settings, on an ephemeral port.
class EachServer : public ::testing::TestWithParam<std::string> {
protected:
  template <class Tweak>
  void start(Tweak tweak) {
    if (GetParam() == "serve") {
      mock::MockServerConfig config;
      config.http = loopback_any_port();
      tweak(config);
      m_mock = std::make_unique<mock::MockServer>(config);
      m_mock->start();
      port = m_mock->port();
    } else if (GetParam() == "record") {
      recorder::RecordConfig config = record_config(m_upstream.base_url(), m_dir / "c.json");
      tweak(config);
      m_record = started<recorder::RecordServer>(config);
      port = port_of(m_record->base_url());
    } else {
      recorder::ReplayConfig config = replay_config(k_example_cassette);
      tweak(config);
      m_replay = started<recorder::ReplayServer>(config);
      port = port_of(m_replay->base_url());
    }
  }
  int port = 0;

private:
  TempDir m_dir;
  MockUpstream m_upstream;
  std::unique_ptr<mock::MockServer> m_mock;
  std::unique_ptr<recorder::RecordServer> m_record;
  std::unique_ptr<recorder::ReplayServer> m_replay;
};

void expect_journal_disabled(const Reply& reply, const std::string& call) {
  EXPECT_EQ(reply.status, 409) << call << ": " << reply.body;
  EXPECT_EQ(reply.json["error"]["code"], "journal_disabled") << call << ": " << reply.body;
  EXPECT_EQ(reply.json["error"]["type"], "invalid_request_error") << call;
  EXPECT_TRUE(reply.json["error"].contains("param")) << "the whole envelope: " << reply.body;
  const std::string message = reply.json["error"].value("message", "");
  EXPECT_NE(message.find("--journal-size"), std::string::npos) << "names the flag that turns it on: " << message;
  EXPECT_EQ(reply.header("x-should-retry"), "false") << call;
}

TEST_P(EachServer, WithTheJournalOffItsRoutesSaySoRatherThanCountNothing) {
  start([](auto& config) { config.journal_size = 0; });
  ASSERT_GT(send(port, "GET", "/v1/assistants").status, 0);
  const Reply count = send(port, "POST", "/__admin/requests/count", Json{{"method", "GET"}});
  EXPECT_FALSE(count.json.contains("count")) << "a count of 0 would pass any 'at most N calls' check: " << count.body;
  expect_journal_disabled(count, "count");
  expect_journal_disabled(send(port, "GET", "/__admin/requests"), "list");
  expect_journal_disabled(send(port, "GET", "/__admin/requests/unmatched"), "unmatched");
  expect_journal_disabled(send(port, "DELETE", "/__admin/requests"), "clear");
  EXPECT_EQ(send(port, "GET", "/__admin/health").status, 200) << "what needs no journal still answers";
  EXPECT_EQ(send(port, "GET", "/__admin/metrics").status, 200);
}

TEST_P(EachServer, WithTheJournalOnTheCountCounts) {
  start([](auto&) {});
  ASSERT_GT(send(port, "GET", "/v1/assistants").status, 0);
  const Reply count = send(port, "POST", "/__admin/requests/count", Json{{"method", "GET"}, {"path", "/v1/assistants"}});
  EXPECT_EQ(count.status, 200) << count.body;
  EXPECT_EQ(count.json["count"], 1) << count.body;
}

TEST_P(EachServer, AnAdminTokenGuardsEveryAdminCall) {
  start([](auto& config) { config.admin_token = k_token; });
  for (const char* path : {"/__admin/health", "/__admin/requests", "/__admin/metrics"}) {
    const Reply refused = send(port, "GET", path);
    EXPECT_EQ(refused.status, 401) << path << ": " << refused.body;
    EXPECT_EQ(refused.json["error"]["code"], "invalid_admin_token") << path;
    EXPECT_EQ(send(port, "GET", path, std::nullopt, {{"X-Admin-Token", k_token}}).status, 200) << path;
    EXPECT_EQ(send(port, "GET", path, std::nullopt, {{"X-Admin-Token", "wrong"}}).status, 401) << path;
  }
  EXPECT_EQ(send(port, "GET", "/__admin/requests", std::nullopt, {{"Origin", "https://evil.example"}, {"X-Admin-Token", k_token}}).status,
            403)
      << "a cross-origin browser call is refused, token or not";
}

TEST_P(EachServer, AnAdminCallNamingAnotherHostIsRefusedOnLoopback) {
  start([](auto&) {});
  const Reply rebound = send(port, "GET", "/__admin/requests", std::nullopt, {{"Host", "attacker.example"}});
  EXPECT_EQ(rebound.status, 403) << rebound.body;
  EXPECT_EQ(rebound.json["error"]["code"], "host_refused");
}

INSTANTIATE_TEST_SUITE_P(AdminGate, EachServer, ::testing::Values("serve", "record", "replay"));

TEST(AdminGate, RecordChecksTheTokenBeforeForwardingAnAdminCallUpstream) {
  TempDir dir;
  MockUpstream upstream;
  recorder::RecordConfig config = record_config(upstream.base_url(), dir / "c.json");
  config.admin_token = k_token;
  auto recorder = started<recorder::RecordServer>(config);
  const Reply refused = send(port_of(recorder->base_url()), "POST", "/__admin/reset");
  EXPECT_EQ(refused.status, 401) << refused.body;
  EXPECT_EQ(recorder->recorded(), 0U) << "nothing reached the upstream";
}

}  // namespace
}  // namespace recorder_tests
