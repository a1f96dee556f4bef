// The built `assistants-mock record` killed with SIGKILL in the middle of a session: the
// cassette loads and holds every exchange whose answer a client received. Also: a clean
// stop leaves one tidy file, bad flags exit 2, and the key never appears in the logs.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "cassettes/cassette_file.hpp"
#include "tests/recorder/support/child_process.hpp"
#include "tests/recorder/support/harness.hpp"

namespace recorder_tests {
namespace {

const std::string k_binary = AM_BINARY;

std::vector<std::string> record_args(const std::string& upstream, const std::filesystem::path& cassette) {
  return {k_binary, "record", "--upstream", upstream, "--cassette", cassette.string(), "--port", "0", "--quiet"};
}

struct Round {
  std::size_t answered = 0;  // answers the clients received
  std::size_t on_disk = 0;   // exchanges the cassette holds after the kill
  std::vector<std::string> missing;  // answered names not found in the cassette
};

// `clients` threads create assistants through the recorder until it is killed, `jitter`
// after the clients have had `before_kill` answers: every kill lands in a different place.
Round kill_mid_session(const std::string& upstream, const std::filesystem::path& cassette, int clients,
                       std::size_t before_kill, std::chrono::milliseconds jitter, const std::filesystem::path& stderr_file) {
  Round round;
  ChildProcess recorder(record_args(upstream, cassette), stderr_file);
  const std::string url = recorder.wait_for_url();
  EXPECT_FALSE(url.empty()) << recorder.stderr_text();
  if (url.empty()) return round;
  const int port = port_of(url);
  std::atomic<bool> stop{false};
  std::atomic<std::size_t> answers{0};
  std::mutex mutex;
  std::vector<std::string> answered;
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      for (int i = 0; !stop; ++i) {
        const std::string name = "client" + std::to_string(c) + "-" + std::to_string(i);
        const Reply reply = send(port, "POST", "/v1/assistants", Json{{"model", "gpt-4"}, {"name", name}});
        if (reply.status != 200) break;  // the recorder is gone
        const std::lock_guard lock(mutex);
        answered.push_back(name);
        ++answers;
      }
    });
  }
  // Progress, not a fixed time, decides when: a loaded machine may take seconds to start.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (answers < before_kill && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::this_thread::sleep_for(jitter);
  recorder.signal(SIGKILL);
  EXPECT_EQ(recorder.wait_for_exit(), 128 + SIGKILL);
  stop = true;
  for (std::thread& thread : threads) thread.join();

  round.answered = answered.size();
  auto loaded = cassettes::load_cassette(cassette);
  EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : loaded.error().message);
  if (!loaded) return round;
  round.on_disk = loaded->cassette.interactions.size();
  std::set<std::string> names;
  for (const auto& interaction : loaded->cassette.interactions) {
    if (const auto* body = std::get_if<cassettes::JsonBody>(&interaction.request.body)) names.insert(body->value.value("name", ""));
  }
  for (const std::string& name : answered) {
    if (names.count(name) == 0) round.missing.push_back(name);
  }
  return round;
}

TEST(Durability, SigkillMidSessionLosesNoAnsweredExchange) {
  TempDir dir;
  MockUpstream mock;
  // One client and several, killed after different amounts of work and at different
  // moments within an exchange (the jitter is not a multiple of an exchange's duration).
  struct Plan {
    int clients;
    std::size_t answers_first;
    int jitter_ms;
  };
  const std::vector<Plan> rounds = {{1, 1, 0}, {1, 3, 3}, {1, 5, 7}, {1, 8, 11}, {4, 4, 0}, {4, 12, 5}, {4, 20, 9}};
  for (std::size_t r = 0; r < rounds.size(); ++r) {
    const Plan plan = rounds[r];
    const int clients = plan.clients;
    const auto cassette = dir / ("round" + std::to_string(r) + ".json");
    const Round round = kill_mid_session(mock.base_url(), cassette, clients, plan.answers_first,
                                         std::chrono::milliseconds(plan.jitter_ms),
                                         dir / ("round" + std::to_string(r) + ".stderr"));
    std::printf("[ kill ] round %zu: %d client(s), SIGKILL %d ms after %zu answers: %zu answered, %zu on disk\n", r,
                clients, plan.jitter_ms, plan.answers_first, round.answered, round.on_disk);
    EXPECT_GT(round.answered, 0U) << "the session was under way when it was killed";
    EXPECT_TRUE(round.missing.empty()) << round.missing.size() << " answered exchange(s) lost, e.g. " << round.missing.front();
    EXPECT_GE(round.on_disk, round.answered);
    EXPECT_LE(round.on_disk, round.answered + static_cast<std::size_t>(clients))
        << "at most the exchanges in flight are on disk without their answer";
  }
}

TEST(Durability, ACleanStopLeavesOneTidyCassetteAndNoSecretInTheLog) {
  TempDir dir;
  MockUpstream mock;
  std::vector<std::string> args = record_args(mock.base_url(), dir / "c.json");
  args.back() = "--log-requests";
  ChildProcess recorder(args, dir / "stderr.txt");
  const int port = port_of(recorder.wait_for_url());
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(send(port, "POST", "/v1/assistants", Json{{"model", "gpt-4"}, {"name", "n" + std::to_string(i)}}).status, 200);
  }
  EXPECT_EQ(send(port, "GET", "/v1/assistants?api-key=" + std::string(k_secret_key)).status, 200);
  recorder.signal(SIGTERM);
  EXPECT_EQ(recorder.wait_for_exit(), 0);
  EXPECT_TRUE(std::filesystem::exists(dir / "c.json"));
  EXPECT_FALSE(std::filesystem::exists(dir / "c.json.journal")) << "folded into the cassette on a clean stop";
  const auto loaded = cassettes::load_cassette(dir / "c.json");
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->cassette.interactions.size(), 4U);
  const std::string log = recorder.stderr_text();
  EXPECT_NE(log.find("POST /v1/assistants -> 200 recorded"), std::string::npos) << log;
  EXPECT_NE(log.find("4 exchange(s) recorded"), std::string::npos) << log;
  EXPECT_EQ(log.find("SECRET"), std::string::npos) << log;
  EXPECT_EQ(read_text(dir / "c.json").find("SECRET"), std::string::npos) << "neither in headers nor in the query";
}

TEST(Cli, BadFlagsExitWithStatusTwoAndSayWhatIsWrong) {
  TempDir dir;
  struct Case {
    std::vector<std::string> args;
    std::string says;
  };
  const std::vector<Case> cases = {
      {{k_binary, "record"}, "--cassette PATH is required"},
      {{k_binary, "record", "--cassette", (dir / "c.json").string(), "--mode", "twice"},
       "unknown record mode 'twice'; valid modes: none, once, new_episodes, all"},
      {{k_binary, "record", "--cassette", (dir / "c.json").string(), "--upstream", "api.openai.com"},
       "invalid upstream URL"},
      {{k_binary, "record", "--cassette", (dir / "c.json").string(), "--match-on", "method,colour"},
       "unknown matcher 'colour'"},
      {{k_binary, "record", "--cassette", (dir / "c.json").string(), "--redact-json-path", "a..b"},
       "invalid JSON path 'a..b'"},
      {{k_binary, "replay"}, "--cassette PATH|DIR is required"},
      {{k_binary, "replay", "--cassette", (dir / "nothing.json").string()}, "no cassette or directory"},
  };
  for (const Case& c : cases) {
    ChildProcess child(c.args, dir / "stderr.txt");
    EXPECT_EQ(child.wait_for_exit(), 2) << c.args.back();
    EXPECT_NE(child.stderr_text().find(c.says), std::string::npos) << child.stderr_text();
  }
  for (const char* command : {"record", "replay"}) {
    ChildProcess help({k_binary, command, "--help"}, dir / "stderr.txt");
    EXPECT_EQ(help.wait_for_exit(), 0) << command;
  }
}

}  // namespace
}  // namespace recorder_tests
