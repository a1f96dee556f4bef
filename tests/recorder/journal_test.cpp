// `record` and `replay` keep the same request journal and metrics as `serve`: what served
// each request (a cassette entry, the upstream, or nothing), the near-miss explanation of
// a replay miss in /__admin/requests/unmatched, counting, and replay hits and misses.
#include <gtest/gtest.h>

#include "tests/recorder/support/harness.hpp"

namespace recorder_tests {
namespace {

class ReplayJournal : public ::testing::Test {
protected:
  void SetUp() override {
    MockUpstream upstream;
    auto recorder = started<recorder::RecordServer>(record_config(upstream.base_url(), dir / "c.json"));
    const int record_port = port_of(recorder->base_url());
    ASSERT_EQ(send(record_port, "POST", "/v1/assistants", Json{{"model", "gpt-4o"}, {"name", "Math Tutor"}}).status,
              200);
    ASSERT_EQ(send(record_port, "GET", "/v1/assistants?limit=2").status, 200);
    const Json recorded = send(record_port, "GET", "/__admin/requests").json;
    ASSERT_EQ(recorded["entries"].size(), 2U) << recorded.dump();
    EXPECT_EQ(recorded["entries"][0]["served_by"], "upstream") << "record journals what it forwarded";
    recorder->stop();
    ASSERT_TRUE(recorder->finish().has_value());
    server = started<recorder::ReplayServer>(replay_config(dir / "c.json"));
    port = port_of(server->base_url());
  }
  TempDir dir;
  std::unique_ptr<recorder::ReplayServer> server;
  int port = 0;
};

TEST_F(ReplayJournal, HitsNameTheirCassetteEntryAndMissesAreUnmatchedWithTheNearMiss) {
  ASSERT_EQ(send(port, "POST", "/v1/assistants", Json{{"model", "gpt-4o"}, {"name", "Math Tutor"}}).status, 200);
  const Reply miss = send(port, "POST", "/v1/assistants", Json{{"model", "gpt-4o"}, {"name", "Physics Tutor"}});
  ASSERT_EQ(miss.status, 400);

  const Json all = send(port, "GET", "/__admin/requests").json;
  ASSERT_EQ(all["entries"].size(), 2U) << all.dump();
  EXPECT_EQ(all["entries"][0]["served_by"], "cassette c #0") << "the cassette's name and the entry";
  EXPECT_EQ(all["entries"][0]["headers"]["authorization"], "<redacted>");
  EXPECT_EQ(all["entries"][1]["served_by"], "unmatched");

  const Json unmatched = send(port, "GET", "/__admin/requests/unmatched").json;
  ASSERT_EQ(unmatched["entries"].size(), 1U) << unmatched.dump();
  const Json& entry = unmatched["entries"][0];
  EXPECT_EQ(entry["body"]["name"], "Physics Tutor");
  const std::string near_miss = entry["near_miss"];
  EXPECT_NE(near_miss.find("Closest recorded: #0 POST /v1/assistants"), std::string::npos) << near_miss;
  EXPECT_NE(near_miss.find("\"Math Tutor\""), std::string::npos) << "says what differs: " << near_miss;
  EXPECT_EQ(all.dump().find(k_secret_key), std::string::npos) << "the key never reaches the journal";
}

TEST_F(ReplayJournal, CountingAndMetricsWorkAsInServe) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(send(port, "GET", "/v1/assistants?limit=2").status, 200);
  ASSERT_EQ(send(port, "GET", "/v1/threads/thread_nope").status, 400);
  const Reply count = send(port, "POST", "/__admin/requests/count",
                           Json{{"method", "GET"}, {"path", "/v1/assistants"}, {"query", {{"limit", "2"}}}});
  ASSERT_EQ(count.status, 200) << count.body;
  EXPECT_EQ(count.json["count"], 3);

  const Reply metrics = send(port, "GET", "/__admin/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("assistants_mock_replay_hits_total 3\n"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("assistants_mock_unmatched_total 1\n"), std::string::npos) << metrics.body;

  ASSERT_EQ(send(port, "DELETE", "/__admin/requests").status, 200);
  EXPECT_TRUE(send(port, "GET", "/__admin/requests").json["entries"].empty());
}

TEST(RecordJournal, AnUpstreamThatIsGoneIsJournalledAsTheUpstreamsFailure) {
  TempDir dir;
  std::string gone_url;
  {
    MockUpstream upstream;
    gone_url = upstream.base_url();
  }
  auto recorder = started<recorder::RecordServer>(record_config(gone_url, dir / "c.json"));
  const int port = port_of(recorder->base_url());
  EXPECT_EQ(send(port, "GET", "/v1/assistants").status, 502);
  const Json entries = send(port, "GET", "/__admin/requests").json["entries"];
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_EQ(entries[0]["status"], 502);
  EXPECT_EQ(entries[0]["served_by"], "upstream failed") << "answered by the recorder for the upstream, not unmatched";
}

}  // namespace
}  // namespace recorder_tests
