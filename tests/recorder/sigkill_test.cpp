// The built `assistants-mock record`, killed with SIGKILL at a random moment, restarted on
// the same cassette in mode new_episodes (which appends), 50 times over, while two clients
// run a flow of JSON and streamed exchanges through it. After every kill the cassette loads
// and holds, exactly once each, every exchange whose answer a client had received in full
// in any session so far. The seed is printed; AM_SIGKILL_SEED=N replays a sequence.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "cassettes/cassette_file.hpp"
#include "tests/recorder/support/child_process.hpp"
#include "tests/recorder/support/harness.hpp"

namespace recorder_tests {
namespace {
using Clock = std::chrono::steady_clock;

constexpr int k_kills = 50;
constexpr int k_clients = 2;
constexpr int k_max_kill_delay_ms = 300;

const std::string k_seed_scenario = std::string(AM_SOURCE_DIR) + "/scenarios/seed_article.json";

// One exchange as both sides can name it: method, path and JSON body. Every request of the
// flow is unique, so new_episodes forwards (and records) each one.
std::string key_of(const std::string& method, const std::string& path, const std::string& json_body) {
  return method + " " + path + " " + json_body;
}

std::string key_of(const cassettes::RecordedRequest& request) {
  const auto* body = std::get_if<cassettes::JsonBody>(&request.body);
  return key_of(request.method, request.path, body != nullptr ? body->value.dump() : "");
}

class Answered {
public:
  void add(std::string key) {
    const std::lock_guard lock(m_mutex);
    m_keys.push_back(std::move(key));
  }
  std::vector<std::string> keys() const {
    const std::lock_guard lock(m_mutex);
    return m_keys;
  }
  std::size_t size() const {
    const std::lock_guard lock(m_mutex);
    return m_keys.size();
  }

private:
  mutable std::mutex m_mutex;
  std::vector<std::string> m_keys;
};

// Creates an assistant, reads it back, and every third time streams a run on it, until the
// recorder stops answering. Only answers received whole count.
void client_flow(int port, const std::string& prefix, const std::atomic<bool>& stop, Answered& answered) {
  for (int i = 0; !stop; ++i) {
    const std::string name = prefix + "-" + std::to_string(i);
    const Json create = Json{{"model", "gpt-4"}, {"name", name}};
    const Reply created = send(port, "POST", "/v1/assistants", create);
    if (created.status != 200) return;
    answered.add(key_of("POST", "/v1/assistants", create.dump()));
    const std::string id = created.json.value("id", "");
    if (send(port, "GET", "/v1/assistants/" + id).status != 200) return;
    answered.add(key_of("GET", "/v1/assistants/" + id, ""));
    if (i % 3 != 2) continue;
    const Json run = Json{{"assistant_id", id},
                          {"stream", true},
                          {"thread", Json{{"messages", Json::array({Json{{"role", "user"}, {"content", name}}})}}}};
    // A status means httplib read the stream to its last chunk; a cut stream has none.
    const Reply streamed = send_streaming(port, "POST", "/v1/threads/runs", run, [](const std::string&) {});
    if (streamed.status != 200) return;
    answered.add(key_of("POST", "/v1/threads/runs", run.dump()));
  }
}

unsigned seed_from_environment() {
  if (const char* given = std::getenv("AM_SIGKILL_SEED")) return static_cast<unsigned>(std::stoul(given));
  return std::random_device{}();
}

TEST(Durability, FiftySigkillsAtRandomMomentsLoseNoAnsweredExchange) {
  TempDir dir;
  MockUpstream mock(k_seed_scenario);
  const auto cassette = dir / "session.json";
  const unsigned seed = seed_from_environment();
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> kill_delay_ms(0, k_max_kill_delay_ms);
  std::discrete_distribution<int> kill_from_answer({1, 4});
  std::printf("[ sigkill ] seed %u (AM_SIGKILL_SEED=%u to repeat)\n", seed, seed);

  const auto started_at = Clock::now();
  Answered answered;
  std::size_t on_disk_before = 0;
  std::size_t answered_before = 0;
  std::size_t recovered = 0;       // exchanges a load found only in the journal (counted per load)
  std::size_t partial_lines = 0;   // journal lines cut by a kill mid-append, dropped
  std::size_t idle_kills = 0;      // kills before the session's first answer
  std::set<std::string> temporaries;  // of rewrites a kill interrupted, seen after some kill
  for (int round = 0; round < k_kills; ++round) {
    ChildProcess recorder({AM_BINARY, "record", "--mode", "new_episodes", "--upstream", mock.base_url(), "--cassette",
                           cassette.string(), "--port", "0", "--quiet"},
                          dir / "stderr.txt");
    const std::string url = recorder.wait_for_url();
    ASSERT_FALSE(url.empty()) << "round " << round << ": the recorder did not start: " << recorder.stderr_text();
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int c = 0; c < k_clients; ++c) {
      clients.emplace_back(client_flow, port_of(url), "r" + std::to_string(round) + "c" + std::to_string(c),
                           std::cref(stop), std::ref(answered));
    }
    // One kill in five counts from start-up (the load, the first rewrite of the cassette);
    // the others from the session's first answer, so that most land mid-exchange.
    if (kill_from_answer(random) != 0) {
      const auto deadline = Clock::now() + std::chrono::seconds(10);
      while (answered.size() == answered_before && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(kill_delay_ms(random)));
    recorder.signal(SIGKILL);
    ASSERT_EQ(recorder.wait_for_exit(), 128 + SIGKILL);
    stop = true;
    for (std::thread& client : clients) client.join();

    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
      const std::string name = entry.path().filename().string();
      if (name.starts_with("session.json.tmp-")) temporaries.insert(name);
    }
    const std::vector<std::string> keys = answered.keys();
    if (keys.size() == answered_before) ++idle_kills;
    if (keys.empty() && !std::filesystem::exists(cassette)) continue;
    auto loaded = cassettes::load_cassette(cassette);
    ASSERT_TRUE(loaded.has_value()) << "round " << round << ": " << loaded.error().message;
    recovered += loaded->recovered_from_journal;
    for (const std::string& warning : loaded->warnings) {
      if (warning.find("is incomplete") != std::string::npos) {
        ++partial_lines;
      } else {
        ADD_FAILURE() << "round " << round << ": unexpected load warning: " << warning;
      }
    }
    std::map<std::string, int> on_disk;
    for (const auto& interaction : loaded->cassette.interactions) ++on_disk[key_of(interaction.request)];
    for (const auto& [key, count] : on_disk) EXPECT_EQ(count, 1) << "round " << round << ": recorded twice: " << key;
    std::size_t missing = 0;
    for (const std::string& key : keys) {
      if (on_disk.count(key) == 0 && ++missing <= 3) {
        ADD_FAILURE() << "round " << round << ": answered, not on disk: " << key;
      }
    }
    ASSERT_EQ(missing, 0U) << "round " << round << ": answered exchanges lost";
    const std::size_t on_disk_now = loaded->cassette.interactions.size();
    EXPECT_LE(on_disk_now - on_disk_before, keys.size() - answered_before + static_cast<std::size_t>(k_clients))
        << "round " << round << ": beyond the answered ones, only an exchange in flight per client may be on disk";
    on_disk_before = on_disk_now;
    answered_before = keys.size();
  }
  // One last session, stopped cleanly: it folds everything into one tidy file.
  ChildProcess last({AM_BINARY, "record", "--mode", "new_episodes", "--upstream", mock.base_url(), "--cassette",
                     cassette.string(), "--port", "0", "--quiet"},
                    dir / "stderr.txt");
  const int port = port_of(last.wait_for_url());
  const Json create = Json{{"model", "gpt-4"}, {"name", "last"}};
  ASSERT_EQ(send(port, "POST", "/v1/assistants", create).status, 200);
  answered.add(key_of("POST", "/v1/assistants", create.dump()));
  last.signal(SIGTERM);
  ASSERT_EQ(last.wait_for_exit(), 0) << last.stderr_text();
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    if (entry.path().extension() != ".txt") files.push_back(entry.path().filename());
  }
  EXPECT_EQ(files, std::vector<std::string>{"session.json"}) << "no journal and no temporary file left";
  auto final_cassette = cassettes::load_cassette(cassette);
  ASSERT_TRUE(final_cassette.has_value());
  EXPECT_TRUE(final_cassette->warnings.empty());
  std::map<std::string, int> on_disk;
  for (const auto& interaction : final_cassette->cassette.interactions) ++on_disk[key_of(interaction.request)];
  std::size_t missing = 0;
  for (const std::string& key : answered.keys()) {
    if (on_disk.count(key) == 0) ++missing;
  }
  EXPECT_EQ(missing, 0U);

  const double seconds = std::chrono::duration<double>(Clock::now() - started_at).count();
  std::printf("[ sigkill ] %d kills (%zu before the session's first answer), %zu answered exchanges, all checked on "
              "disk after every kill; %zu exchanges on disk; %zu exchanges recovered from journals (summed over the "
              "loads), %zu partial journal lines dropped, %zu temporary files of interrupted rewrites (removed by "
              "the next session); %.1f s\n",
              k_kills, idle_kills, answered_before, on_disk_before, recovered, partial_lines, temporaries.size(),
              seconds);
  EXPECT_GT(answered_before, static_cast<std::size_t>(k_kills)) << "the sessions got work done between kills";
}

}  // namespace
}  // namespace recorder_tests
