// Many clients at once against one server: 16 threads x 50 operations (create a thread, add a
// message, list the thread's messages); many clients on one thread. No 5xx, no lost writes,
// every object there afterwards.
#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/api_expect.hpp"
#include "tests/support/test_server.hpp"

namespace {
using mock::Json;
using namespace tests::support;

TEST(Concurrency, SixteenClientsFiftyOperationsEach) {
  constexpr int k_clients = 16;
  constexpr int k_operations = 50;
  TestServer server;

  std::mutex mutex;
  std::vector<std::pair<std::string, std::string>> created;  // (thread, message)
  std::vector<std::string> failures;
  std::atomic<int> server_errors{0};
  std::atomic<int> requests{0};

  auto record_failure = [&](const std::string& what, const ApiResult& result) {
    if (result.status >= 500 || result.status == 0) ++server_errors;
    std::lock_guard lock(mutex);
    if (failures.size() < 20) failures.push_back(what + ": " + describe(result));
  };

  std::vector<std::thread> workers;
  for (int c = 0; c < k_clients; ++c) {
    workers.emplace_back([&, c] {
      ApiClient client = server.client();
      client.set_keep_alive(true);
      for (int i = 0; i < k_operations; ++i) {
        const std::string tag = "client " + std::to_string(c) + " op " + std::to_string(i);
        auto thread = client.post("/v1/threads", Json{{"metadata", {{"tag", tag}}}});
        ++requests;
        if (thread.status != 200) {
          record_failure(tag + " create thread", thread);
          continue;
        }
        const std::string thread_id = thread.json["id"];
        auto message = client.post("/v1/threads/" + thread_id + "/messages",
                                         Json{{"role", "user"}, {"content", tag}});
        ++requests;
        if (message.status != 200) {
          record_failure(tag + " add message", message);
          continue;
        }
        auto list = client.get("/v1/threads/" + thread_id + "/messages");
        ++requests;
        if (list.status != 200 || list.json["data"].size() != 1U ||
            list.json["data"][0]["id"] != message.json["id"]) {
          record_failure(tag + " list", list);
          continue;
        }
        std::lock_guard lock(mutex);
        created.emplace_back(thread_id, message.json["id"].get<std::string>());
      }
    });
  }
  for (auto& worker : workers) worker.join();

  EXPECT_EQ(server_errors.load(), 0);
  EXPECT_TRUE(failures.empty()) << failures.size() << " failures, first: "
                                << (failures.empty() ? "" : failures.front());
  EXPECT_EQ(requests.load(), k_clients * k_operations * 3);
  ASSERT_EQ(created.size(), static_cast<std::size_t>(k_clients * k_operations));

  // Every object is there afterwards, ids are unique, each message sits in its own thread.
  std::set<std::string> thread_ids;
  std::set<std::string> message_ids;
  ApiClient checker = server.client();
  checker.set_keep_alive(true);
  for (const auto& [thread_id, message_id] : created) {
    thread_ids.insert(thread_id);
    message_ids.insert(message_id);
    auto message = checker.get("/v1/threads/" + thread_id + "/messages/" + message_id);
    ASSERT_EQ(message.status, 200) << describe(message);
    EXPECT_EQ(message.json["thread_id"], thread_id);
  }
  EXPECT_EQ(thread_ids.size(), created.size());
  EXPECT_EQ(message_ids.size(), created.size());
  const std::size_t stored = server.server().services().store.with_state(
      [](mock::assistants::AssistantsState& state) { return state.threads.size(); });
  EXPECT_EQ(stored, created.size());
}

TEST(Concurrency, ParallelRunsOnSeparateThreadsAllComplete) {
  TestServer server;
  ApiClient setup = server.client();
  const std::string assistant = create_assistant(setup);
  std::atomic<int> completed{0};
  std::vector<std::thread> workers;
  for (int c = 0; c < 8; ++c) {
    workers.emplace_back([&] {
      ApiClient client = server.client();
      client.set_keep_alive(true);
      for (int i = 0; i < 3; ++i) {
        Json run = post_ok(client, "/v1/threads/runs",
                                 Json{{"assistant_id", assistant},
                                      {"thread", {{"messages", Json::array({Json{{"role", "user"}, {"content", "hi"}}})}}}});
        Json done = poll_run(client, run["thread_id"], run["id"],
                                   [](const Json& r) { return has_status(r, "completed"); });
        if (has_status(done, "completed")) ++completed;
      }
    });
  }
  for (auto& worker : workers) worker.join();
  EXPECT_EQ(completed.load(), 24);
}

// Requests to one thread take turns under its own lock: clients posting to the same thread
// while others read it lose no message, and each client's messages keep its order.
TEST(Concurrency, ClientsSharingOneThreadLoseNoMessage) {
  constexpr int k_writers = 8;
  constexpr int k_messages = 25;
  TestServer server;
  ApiClient setup = server.client();
  const std::string thread_id = post_ok(setup, "/v1/threads", Json::object())["id"];
  const std::string path = "/v1/threads/" + thread_id + "/messages";

  std::atomic<int> failed_writes{0};
  std::atomic<int> failed_reads{0};
  std::atomic<bool> writing{true};
  std::vector<std::thread> workers;
  for (int c = 0; c < k_writers; ++c) {
    workers.emplace_back([&, c] {
      ApiClient client = server.client();
      client.set_keep_alive(true);
      for (int i = 0; i < k_messages; ++i) {
        const Json body{{"role", "user"}, {"content", std::to_string(c) + ":" + std::to_string(i)}};
        if (client.post(path, body).status != 200) ++failed_writes;
      }
    });
  }
  std::thread reader([&] {
    ApiClient client = server.client();
    client.set_keep_alive(true);
    while (writing.load()) {
      const ApiResult page = client.get(path + "?limit=100");
      if (page.status != 200 || !page.json["data"].is_array()) ++failed_reads;
    }
  });
  for (auto& worker : workers) worker.join();
  writing = false;
  reader.join();
  EXPECT_EQ(failed_writes.load(), 0);
  EXPECT_EQ(failed_reads.load(), 0);

  // Oldest first, page by page: every message once, each writer's in the order it sent them.
  std::vector<int> next_of_writer(k_writers, 0);
  std::set<std::string> ids;
  std::string after;
  int seen = 0;
  for (;;) {
    const Json page = get_ok(setup, path + "?order=asc&limit=100" + (after.empty() ? "" : "&after=" + after));
    for (const Json& message : page["data"]) {
      ids.insert(message["id"].get<std::string>());
      const std::string text = message["content"][0]["text"]["value"];
      const int writer = std::stoi(text.substr(0, text.find(':')));
      EXPECT_EQ(text, std::to_string(writer) + ":" + std::to_string(next_of_writer.at(static_cast<std::size_t>(writer))++));
      ++seen;
    }
    if (!page["has_more"].get<bool>()) break;
    after = page["last_id"];
  }
  EXPECT_EQ(seen, k_writers * k_messages);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(k_writers * k_messages));
}

}  // namespace
