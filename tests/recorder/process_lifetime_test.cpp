// How a test harness starts and stops the built binary: `--port 0` prints the URL it got on
// one stdout line and writes it to --port-file, /__admin/health answers at once, and
// SIGTERM stops serve, record and replay gracefully: a stream being recorded when the
// signal comes runs to its end and is in the cassette; idle connections do not delay exit.
#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "cassettes/cassette_file.hpp"
#include "tests/recorder/support/child_process.hpp"
#include "tests/recorder/support/fake_upstream.hpp"
#include "tests/recorder/support/harness.hpp"

namespace recorder_tests {
namespace {
using Clock = std::chrono::steady_clock;

const std::string k_binary = AM_BINARY;
const std::string k_example_cassette = std::string(AM_SOURCE_DIR) + "/cassettes/examples/seed_article_v2.json";

mock::http::ApiResponse json_echo(mock::http::ApiRequest& request) {
  return mock::http::ApiResponse::json(Json{{"path", request.path}});
}

std::vector<std::string> command_line(const std::string& command, const std::string& upstream,
                                      const std::filesystem::path& dir) {
  std::vector<std::string> args{k_binary, command, "--port", "0", "--port-file", (dir / "url.txt").string()};
  if (command == "record") {
    args.insert(args.end(), {"--upstream", upstream, "--cassette", (dir / "new.json").string()});
  }
  if (command == "replay") {
    args.push_back("--cassette");
    args.push_back(k_example_cassette);
  }
  return args;
}

class EachCommand : public ::testing::TestWithParam<std::string> {};

TEST_P(EachCommand, PortZeroPrintsTheUrlWritesThePortFileAndAnswersHealth) {
  TempDir dir;
  FakeUpstream upstream(json_echo);
  ChildProcess process(command_line(GetParam(), upstream.base_url(), dir.path()), dir / "stderr.txt");
  const std::string url = process.wait_for_url();
  ASSERT_FALSE(url.empty()) << process.stderr_text();
  // Not std::regex: GCC 12 at -O2 warns inside it (-Wmaybe-uninitialized).
  const std::string prefix = "http://127.0.0.1:";
  ASSERT_EQ(url.rfind(prefix, 0), 0U) << url;
  const std::string digits = url.substr(prefix.size());
  ASSERT_TRUE(!digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos) << url;
  const int port = std::stoi(digits);
  EXPECT_GT(port, 0);
  EXPECT_NE(port, 4010) << "an ephemeral port, not the default";
  EXPECT_EQ(read_text(dir / "url.txt"), url + "\n") << "the port file holds the same URL, whole";

  const Reply health = send(port, "GET", "/__admin/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json["status"], "ok") << health.body;

  process.signal(SIGTERM);
  EXPECT_EQ(process.wait_for_exit(), 0) << process.stderr_text();
}

INSTANTIATE_TEST_SUITE_P(ProcessLifetime, EachCommand, ::testing::Values("serve", "record", "replay"));

TEST(ProcessLifetime, AnUnwritablePortFileIsAClearErrorNotASilentStart) {
  TempDir dir;
  ChildProcess process({k_binary, "serve", "--port", "0", "--port-file", (dir / "no-such-dir" / "url.txt").string()},
                       dir / "stderr.txt");
  EXPECT_EQ(process.wait_for_exit(), 1);
  EXPECT_NE(process.stderr_text().find("cannot write --port-file"), std::string::npos) << process.stderr_text();
}

// An upstream stream of `events` events `gap` apart; `started` turns true with the first.
mock::http::ApiResponse slow_stream(std::atomic<bool>& started, int events, std::chrono::milliseconds gap) {
  mock::http::ApiResponse response;
  response.content_type = "text/event-stream";
  response.stream = [&started, events, gap](mock::http::StreamSink& sink) {
    for (int i = 0; i < events; ++i) {
      if (i > 0) std::this_thread::sleep_for(gap);
      sink.write("event: thread.message.delta\ndata: {\"index\":" + std::to_string(i) + "}\n\n");
      started = true;
    }
    sink.write("event: done\ndata: [DONE]\n\n");
  };
  return response;
}

TEST(ProcessLifetime, SigtermLetsTheStreamBeingRecordedFinishAndSavesIt) {
  TempDir dir;
  std::atomic<bool> started{false};
  constexpr int k_events = 6;
  FakeUpstream upstream([&](mock::http::ApiRequest&) { return slow_stream(started, k_events, std::chrono::milliseconds(150)); });
  ChildProcess recorder({k_binary, "record", "--port", "0", "--upstream", upstream.base_url(), "--cassette",
                         (dir / "inflight.json").string()},
                        dir / "stderr.txt");
  const std::string url = recorder.wait_for_url();
  ASSERT_FALSE(url.empty()) << recorder.stderr_text();

  std::atomic<bool> signalled{false};
  Reply reply;
  std::thread client([&] {
    reply = send_streaming(port_of(url), "POST", "/v1/threads/runs", Json{{"stream", true}},
                           [&](const std::string& so_far) {
                             // The first event is through: the exchange is in flight. Stop now.
                             if (!signalled && so_far.find("\n\n") != std::string::npos) {
                               signalled = true;
                               recorder.signal(SIGTERM);
                             }
                           });
  });
  client.join();
  EXPECT_TRUE(signalled);
  const int status = recorder.wait_for_exit();
  EXPECT_EQ(status, 0) << recorder.stderr_text();

  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find("[DONE]"), std::string::npos) << "the client got the whole stream: " << reply.body;
  auto loaded = cassettes::load_cassette(dir / "inflight.json");
  ASSERT_TRUE(loaded.has_value()) << (loaded ? "" : loaded.error().message) << recorder.stderr_text();
  ASSERT_EQ(loaded->cassette.interactions.size(), 1U) << "the exchange in flight at SIGTERM is on disk";
  const auto* body = std::get_if<cassettes::EventStreamBody>(&loaded->cassette.interactions[0].response.body);
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(body->events.size(), static_cast<std::size_t>(k_events + 1)) << "every event, [DONE] included";
  EXPECT_FALSE(std::filesystem::exists(dir / "inflight.json.journal")) << "folded into the cassette";
}

TEST(ProcessLifetime, AnIdleKeepAliveConnectionDoesNotDelayTheStop) {
  TempDir dir;
  FakeUpstream upstream(json_echo);
  ChildProcess recorder({k_binary, "record", "--port", "0", "--upstream", upstream.base_url(), "--cassette",
                         (dir / "idle.json").string()},
                        dir / "stderr.txt");
  const std::string url = recorder.wait_for_url();
  ASSERT_FALSE(url.empty()) << recorder.stderr_text();
  httplib::Client client("127.0.0.1", port_of(url));
  client.set_keep_alive(true);
  const auto answered = client.Post("/v1/assistants", {{"Authorization", "Bearer sk-x"}}, "{}", "application/json");
  ASSERT_TRUE(answered);
  ASSERT_EQ(answered->status, 200);  // the connection stays open, idle

  const auto signalled_at = Clock::now();
  recorder.signal(SIGTERM);
  EXPECT_EQ(recorder.wait_for_exit(), 0) << recorder.stderr_text();
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - signalled_at);
  // The keep-alive time-out is 5 s; the stop must not wait for it. Generous for ASan.
  EXPECT_LT(took.count(), 2500) << "an idle keep-alive connection held the stop";
  auto loaded = cassettes::load_cassette(dir / "idle.json");
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->cassette.interactions.size(), 1U);
}

}  // namespace
}  // namespace recorder_tests
