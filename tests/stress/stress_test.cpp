// Many clients on the SAME threads at once, for a few seconds: creating runs (plain and
// streamed), polling, cancelling, submitting tool outputs (also streamed), adding and listing
// messages and steps, uploading and deleting files, vector stores, injected faults, moving
// the clock and reading the admin views, all racing each other. Written for
// ThreadSanitizer (scripts/tsan), which fails the run at the first data race; the test
// itself checks that no request failed on the server's side (no 5xx, no dropped
// connection) and that no thread ever ends up with two active runs.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "mock/scenario/scenario.hpp"
#include "tests/support/api_expect.hpp"
#include "tests/support/test_server.hpp"

namespace {
using mock::Json;
using tests::support::ApiClient;
using tests::support::ApiResult;
using tests::support::TestServer;

constexpr int k_clients = 24;
constexpr int k_shared_threads = 4;

std::chrono::seconds stress_duration() {
  const char* text = std::getenv("STRESS_SECONDS");
  return std::chrono::seconds(text != nullptr ? std::max(1, std::atoi(text)) : 4);
}

mock::MockServerConfig stress_config() {
  mock::MockServerConfig config = tests::support::test_config();
  config.http.threads = 2 * k_clients;  // this test is about races, not about the bounds
  config.max_streams = 2 * k_clients;
  config.run_step_ms = 2;
  config.scenario = mock::scenario::parse_scenario(Json::parse(R"({
    "name": "stress",
    "rules": [ { "when": { "message_contains": "weather" },
                 "then": [ { "function_call": [ { "name": "get_weather", "arguments": { "city": "Paris" } },
                                                { "name": "get_time", "arguments": { "city": "Paris" } } ] },
                           { "message": "It is {{tool_outputs.get_weather}} at {{tool_outputs.get_time}}." } ] } ] })"));
  return config;
}

class Outcomes {
public:
  // A status the server may give a client racing others: anything but a 5xx or no answer.
  void note(const std::string& what, const ApiResult& result) {
    ++m_requests;
    if (result.status != 0 && result.status < 500) return;
    std::lock_guard lock(m_mutex);
    if (m_failures.size() < 10) m_failures.push_back(what + ": " + tests::support::describe(result));
    ++m_failed;
  }
  void expect_none_failed() {
    std::lock_guard lock(m_mutex);
    EXPECT_EQ(m_failed, 0) << m_failed << " of " << m_requests << " requests failed, first: "
                           << (m_failures.empty() ? "" : m_failures.front());
    EXPECT_GT(m_requests.load(), k_clients * 10) << "the clients hardly ran";
  }

private:
  std::mutex m_mutex;
  std::vector<std::string> m_failures;
  int m_failed = 0;
  std::atomic<int> m_requests{0};
};

// The latest run of a thread, or null.
Json latest_run(ApiClient& client, const std::string& thread_id, Outcomes& outcomes) {
  const ApiResult runs = client.get("/v1/threads/" + thread_id + "/runs?limit=1");
  outcomes.note("list runs", runs);
  if (runs.status != 200 || runs.json["data"].empty()) return nullptr;
  return runs.json["data"][0];
}

void submit_outputs(ApiClient& client, const std::string& thread_id, const Json& run, bool stream, Outcomes& outcomes) {
  if (!run.is_object() || run.value("status", "") != "requires_action") return;
  Json outputs = Json::array();
  for (const Json& call : run["required_action"]["submit_tool_outputs"]["tool_calls"]) {
    outputs.push_back(Json{{"tool_call_id", call["id"]}, {"output", "sunny"}});
  }
  const ApiResult result =
      client.post("/v1/threads/" + thread_id + "/runs/" + run["id"].get<std::string>() + "/submit_tool_outputs",
                  Json{{"tool_outputs", outputs}, {"stream", stream}});
  outcomes.note("submit tool outputs", result);
}

void client_loop(const TestServer& server, const std::vector<std::string>& threads, const std::string& assistant,
                 unsigned seed, std::chrono::steady_clock::time_point until, Outcomes& outcomes) {
  std::mt19937 random(seed);
  ApiClient client = server.client();
  client.set_keep_alive(true);
  while (std::chrono::steady_clock::now() < until) {
    const std::string& thread_id = threads[random() % threads.size()];
    const std::string base = "/v1/threads/" + thread_id;
    switch (random() % 17) {
      case 0:
      case 1:
        outcomes.note("create run", client.post(base + "/runs", Json{{"assistant_id", assistant}}));
        break;
      case 2:
        outcomes.note("stream run", client.post(base + "/runs", Json{{"assistant_id", assistant}, {"stream", true}}));
        break;
      case 3:
      case 4:
        submit_outputs(client, thread_id, latest_run(client, thread_id, outcomes), random() % 2 == 0, outcomes);
        break;
      case 5:
        if (const Json run = latest_run(client, thread_id, outcomes); run.is_object()) {
          outcomes.note("cancel", client.post(base + "/runs/" + run["id"].get<std::string>() + "/cancel"));
        }
        break;
      case 6:
        outcomes.note("add message", client.post(base + "/messages",
                                                 Json{{"role", "user"}, {"content", random() % 2 ? "weather?" : "hi"}}));
        break;
      case 7:
        outcomes.note("list messages", client.get(base + "/messages?limit=5"));
        break;
      case 8:
        if (const Json run = latest_run(client, thread_id, outcomes); run.is_object()) {
          outcomes.note("poll", client.get(base + "/runs/" + run["id"].get<std::string>()));
          outcomes.note("steps", client.get(base + "/runs/" + run["id"].get<std::string>() + "/steps"));
        }
        break;
      case 9:
        outcomes.note("thread and run",
                      client.post("/v1/threads/runs",
                                  Json{{"assistant_id", assistant},
                                       {"stream", random() % 2 == 0},
                                       {"thread", {{"messages", Json::array({Json{{"role", "user"}, {"content", "weather"}}})}}}}));
        break;
      case 10:
        outcomes.note("state", client.get("/__admin/state"));
        break;
      case 11: {
        const ApiResult file = client.upload_file("notes.txt", "notes " + std::to_string(random()));
        outcomes.note("upload", file);
        if (file.status == 200 && random() % 2 == 0) outcomes.note("delete file", client.del("/v1/files/" + file.id()));
        break;
      }
      case 12:
        outcomes.note("list files", client.get("/v1/files"));
        break;
      case 13: {
        const ApiResult files = client.get("/v1/files?limit=1");
        outcomes.note("list one file", files);
        Json body = {{"name", "stress"}};
        if (files.status == 200 && !files.json["data"].empty()) body["file_ids"] = Json::array({files.json["data"][0]["id"]});
        const ApiResult store = client.post("/v1/vector_stores", body);
        outcomes.note("vector store", store);
        if (store.status == 200) outcomes.note("vector store files", client.get("/v1/vector_stores/" + store.id() + "/files"));
        break;
      }
      case 14:
        outcomes.note("add fault", client.post("/__admin/faults", Json{{"method", "GET"}, {"path", "/v1/files/file-stress"},
                                                                        {"count", 1}, {"status", 418}}));
        outcomes.note("hit fault", client.get("/v1/files/file-stress"));
        break;
      case 15:
        outcomes.note("advance clock", client.post("/__admin/clock/advance", Json{{"ms", 1}}));
        break;
      default:
        outcomes.note("journal", client.get("/__admin/requests?limit=5"));
        outcomes.note("metrics", client.get("/__admin/metrics"));
        break;
    }
  }
}

TEST(Stress, ClientsRacingOnTheSameThreadsNeverBreakTheServer) {
  TestServer server(stress_config());
  ApiClient setup = server.client();
  const std::string assistant = tests::support::create_assistant(setup);
  std::vector<std::string> threads;
  for (int i = 0; i < k_shared_threads; ++i) {
    threads.push_back(tests::support::create_thread(setup));
    tests::support::add_user_message(setup, threads.back(), "what is the weather?");
  }

  Outcomes outcomes;
  const auto until = std::chrono::steady_clock::now() + stress_duration();
  std::vector<std::thread> clients;
  for (int c = 0; c < k_clients; ++c) {
    clients.emplace_back([&, c] { client_loop(server, threads, assistant, static_cast<unsigned>(c) + 1, until, outcomes); });
  }
  for (std::thread& client : clients) client.join();
  outcomes.expect_none_failed();

  // However the races fell, a thread never holds two active runs.
  for (const std::string& thread_id : threads) {
    const Json runs = tests::support::get_ok(setup, "/v1/threads/" + thread_id + "/runs?limit=100");
    int active = 0;
    for (const Json& run : runs["data"]) {
      const std::string status = run.value("status", "");
      active += status == "queued" || status == "in_progress" || status == "requires_action" || status == "cancelling";
    }
    EXPECT_LE(active, 1) << thread_id << ": " << runs.dump().substr(0, 500);
  }
  EXPECT_EQ(server.server().metrics().open_streams(), 0);
}

}  // namespace
