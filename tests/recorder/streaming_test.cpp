// Server-sent events pass through the recorder as they arrive, are recorded event by event
// with their timing, and replay event for event (with the timing scaled by --speed).
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "cassettes/cassette_file.hpp"
#include "cassettes/sse.hpp"
#include "tests/recorder/support/fake_upstream.hpp"
#include "tests/recorder/support/harness.hpp"

namespace recorder_tests {
namespace {
using mock::http::ApiRequest;
using mock::http::ApiResponse;
using Clock = std::chrono::steady_clock;

const std::string k_seed_scenario = std::string(AM_SOURCE_DIR) + "/scenarios/seed_article.json";

// Signalled by the client when it has seen the first event; the fake upstream waits for it
// before sending the rest, so a recorder that buffered the stream would stall here.
struct Cue {
  std::mutex mutex;
  std::condition_variable changed;
  bool client_saw_first = false;

  void signal() {
    const std::lock_guard lock(mutex);
    client_saw_first = true;
    changed.notify_all();
  }
  bool wait() {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(5), [this] { return client_saw_first; });
  }
};

// The upstream's pause between events: wide enough that a replay which skips the pauses
// is told apart from one that waits them, even under sanitizers.
constexpr int k_gap_ms = 150;

ApiResponse event_stream(Cue& cue, std::atomic<bool>& waited) {
  ApiResponse response;
  response.content_type = "text/event-stream";
  response.stream = [&cue, &waited](mock::http::StreamSink& sink) {
    sink.write("event: thread.run.created\ndata: {\"id\":\"run_1\",\"status\":\"queued\"}\n\n");
    waited = cue.wait();
    std::this_thread::sleep_for(std::chrono::milliseconds(k_gap_ms));
    sink.write(": keep-alive\n\n");
    sink.write("event: thread.message.delta\ndata: {\"id\":\"msg_1\",\"delta\":{\"content\":[{\"index\":0,\"type\":\"text\","
               "\"text\":{\"value\":\"x = 1\"}}]}}\n\n");
    std::this_thread::sleep_for(std::chrono::milliseconds(k_gap_ms));
    sink.write("event: thread.run.completed\ndata: {\"id\":\"run_1\",\"status\":\"completed\"}\n\n");
    sink.write("event: done\ndata: [DONE]\n\n");
  };
  return response;
}

// Sends the recorded request to a replay server and returns when each event arrived, in ms
// from the request; the body must be the expected bytes.
std::vector<std::int64_t> replay_arrivals(int port, const std::string& expected_body) {
  std::vector<std::int64_t> arrivals;
  const auto started_at = Clock::now();
  std::size_t seen = 0;
  const Reply replayed = send_streaming(
      port, "POST", "/v1/threads/runs", Json{{"stream", true}}, [&](const std::string& so_far) {
        std::size_t count = 0;
        for (std::size_t at = so_far.find("\n\n"); at != std::string::npos; at = so_far.find("\n\n", at + 2)) ++count;
        for (; seen < count; ++seen) {
          arrivals.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_at).count());
        }
      });
  EXPECT_EQ(replayed.body, expected_body) << "event for event";
  EXPECT_EQ(replayed.headers.find("Content-Type")->second, "text/event-stream");
  return arrivals;
}

TEST(Streaming, EventsPassThroughAsTheyArriveAndReplayEventForEvent) {
  TempDir dir;
  Cue cue;
  std::atomic<bool> waited{false};
  FakeUpstream upstream([&](ApiRequest&) { return event_stream(cue, waited); });
  std::string recorded_bytes;
  {
    auto recorder = started<recorder::RecordServer>(record_config(upstream.base_url(), dir / "stream.json"));
    const Reply reply = send_streaming(port_of(recorder->base_url()), "POST", "/v1/threads/runs", Json{{"stream", true}},
                                       [&cue](const std::string& so_far) {
                                         if (so_far.find("\n\n") != std::string::npos) cue.signal();
                                       });
    EXPECT_EQ(reply.status, 200);
    EXPECT_TRUE(waited) << "the client had the first event while the upstream was still streaming";
    EXPECT_EQ(reply.headers.find("Content-Type")->second, "text/event-stream");
    recorded_bytes = reply.body;
    recorder->stop();
    ASSERT_TRUE(recorder->finish().has_value());
  }
  upstream.stop();

  auto loaded = cassettes::load_cassette(dir / "stream.json");
  ASSERT_TRUE(loaded.has_value());
  const auto& events = std::get<cassettes::EventStreamBody>(loaded->cassette.interactions.at(0).response.body).events;
  ASSERT_EQ(events.size(), 4U) << "the keep-alive comment is not an event";
  EXPECT_EQ(events[0].event, "thread.run.created");
  EXPECT_EQ(events[1].data["delta"]["content"][0]["text"]["value"], "x = 1");
  EXPECT_EQ(events[3].data, "[DONE]");
  EXPECT_GE(events[2].at_ms - events[0].at_ms, 2 * k_gap_ms - 20) << "the timing between events is kept";
  EXPECT_LE(events[0].at_ms, events[1].at_ms);
  const std::int64_t recorded_span_ms = events[3].at_ms - events[0].at_ms;

  std::string expected_replay;
  for (const auto& event : events) expected_replay += cassettes::format_sse_event(event);
  {
    auto replay = started<recorder::ReplayServer>(replay_config(dir / "stream.json"));
    const std::vector<std::int64_t> arrivals = replay_arrivals(port_of(replay->base_url()), expected_replay);
    ASSERT_EQ(arrivals.size(), 4U);
    // --speed 0 leaves the recorded gaps out. Judged against the recording's own span rather
    // than a wall-clock bound, so a slow (sanitized, loaded) machine does not fail it.
    EXPECT_LT(arrivals[3] - arrivals[0], recorded_span_ms / 2) << "--speed 0: the recorded gaps are not waited";
  }
  {
    auto config = replay_config(dir / "stream.json");
    config.speed = 1;
    auto replay = started<recorder::ReplayServer>(config);
    const std::vector<std::int64_t> arrivals = replay_arrivals(port_of(replay->base_url()), expected_replay);
    ASSERT_EQ(arrivals.size(), 4U);
    EXPECT_GE(arrivals[2] - arrivals[0], events[2].at_ms - events[0].at_ms - 10) << "--speed 1 keeps the recorded gaps";
  }
}

TEST(Streaming, AStreamedRunOfTheMockRecordsAndReplaysEventForEvent) {
  TempDir dir;
  std::string assistant_id;
  std::string recorded_bytes;
  {
    MockUpstream mock(k_seed_scenario);
    auto recorder = started<recorder::RecordServer>(record_config(mock.base_url(), dir / "run.json"));
    const int port = port_of(recorder->base_url());
    assistant_id = send(port, "POST", "/v1/assistants", Json{{"model", "gpt-4"}, {"name", "Math Tutor"}}).json.value("id", "");
    const Reply streamed = send_streaming(
        port, "POST", "/v1/threads/runs",
        Json{{"assistant_id", assistant_id}, {"stream", true},
             {"thread", Json{{"messages", Json::array({Json{{"role", "user"}, {"content", "Solve 3x + 11 = 14"}}})}}}},
        [](const std::string&) {});
    ASSERT_EQ(streamed.status, 200) << streamed.body;
    recorded_bytes = streamed.body;
    recorder->stop();
    ASSERT_TRUE(recorder->finish().has_value());
  }
  ASSERT_NE(recorded_bytes.find("event: thread.run.created"), std::string::npos)
      << "the mock streams runs, so the recording has their events: " << recorded_bytes.substr(0, 300);
  auto loaded = cassettes::load_cassette(dir / "run.json");
  ASSERT_TRUE(loaded.has_value());
  const auto& events = std::get<cassettes::EventStreamBody>(loaded->cassette.interactions.at(1).response.body).events;
  EXPECT_EQ(events.front().event, "thread.created");
  EXPECT_EQ(events.back().data, "[DONE]");

  auto replay = started<recorder::ReplayServer>(replay_config(dir / "run.json"));
  const int port = port_of(replay->base_url());
  EXPECT_EQ(send(port, "POST", "/v1/assistants", Json{{"model", "gpt-4"}, {"name", "Math Tutor"}}).json.value("id", ""),
            assistant_id);
  const Reply replayed = send_streaming(
      port, "POST", "/v1/threads/runs",
      Json{{"assistant_id", assistant_id}, {"stream", true},
           {"thread", Json{{"messages", Json::array({Json{{"role", "user"}, {"content", "Solve 3x + 11 = 14"}}})}}}},
      [](const std::string&) {});
  cassettes::SseParser recorded_parser;
  cassettes::SseParser replayed_parser;
  const auto a = recorded_parser.feed(recorded_bytes, 0);
  const auto b = replayed_parser.feed(replayed.body, 0);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].event, b[i].event) << i;
    EXPECT_EQ(a[i].data, b[i].data) << i;
  }
}

}  // namespace
}  // namespace recorder_tests
