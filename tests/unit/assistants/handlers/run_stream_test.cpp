// Two streams of one run: a client streams a run, and another submits its tool outputs with
// stream: true. Each stream sends its own part of the run and ends with `done`; the older
// one never sends the newer one's events (it used to read them from a shared log, from a
// stale position, or crash when that position was past the log's end).
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "mock/scenario/scenario.hpp"
#include "tests/support/assistants_harness.hpp"

namespace {
using mock::Json;
using tests::support::AssistantsHarness;

// Collects the event names a stream writes, and lets another thread wait for one of them.
class RecordingSink : public mock::http::StreamSink {
public:
  bool write(std::string_view data) override {
    std::lock_guard lock(m_mutex);
    for (std::size_t at = data.find("event: "); at != std::string_view::npos;
         at = data.find("event: ", at + 1)) {
      const std::size_t end = data.find('\n', at);
      m_names.emplace_back(data.substr(at + 7, end - at - 7));
    }
    m_changed.notify_all();
    return true;
  }

  bool wait_for(const std::string& name) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, std::chrono::seconds(30), [&] { return count_locked(name) > 0; });
  }

  std::vector<std::string> names() const {
    std::lock_guard lock(m_mutex);
    return m_names;
  }
  std::size_t count(const std::string& name) const {
    std::lock_guard lock(m_mutex);
    return count_locked(name);
  }

private:
  std::size_t count_locked(const std::string& name) const {
    std::size_t n = 0;
    for (const auto& seen : m_names) n += seen == name ? 1U : 0U;
    return n;
  }

  mutable std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<std::string> m_names;
};

class RunStreams : public ::testing::Test {
protected:
  void SetUp() override {
    harness.scenarios().load(mock::scenario::parse_scenario(Json{
        {"rules", Json::array({Json{{"then", Json::array({Json{{"function_call", {{"name", "solve"}, {"arguments", {{"eq", "3x+11=14"}}}}}},
                                                           Json{{"message", "x = {{tool_output}}"}}})}}})}}));
    assistant = harness.create_assistant();
    thread = harness.create_thread();
    harness.add_message(thread, "I need to solve the equation `3x + 11 = 14`.");
  }

  // A POST answered as a stream: the handler's response, its producer not run yet.
  mock::http::ApiResponse post_stream(const std::string& path, const Json& body) {
    mock::http::ApiRequest request;
    request.method = "POST";
    request.path = path;
    request.headers.emplace("Authorization", "Bearer sk-test");
    request.headers.emplace("OpenAI-Beta", "assistants=v2");
    request.body = body.dump();
    mock::http::ApiResponse response = harness.routes().match(request).handler(request);
    EXPECT_EQ(response.content_type, "text/event-stream");
    return response;
  }

  AssistantsHarness harness;  // manual clock: runs move only when the test advances it
  std::string assistant;
  std::string thread;
};

TEST_F(RunStreams, AnOlderStreamEndsWithItsOwnEventsWhenToolOutputsAreStreamed) {
  const std::string runs = "/v1/threads/" + thread + "/runs";
  mock::http::ApiResponse first =
      post_stream(runs, Json{{"assistant_id", assistant}, {"stream", true}});
  ASSERT_TRUE(first.stream);

  // The first stream runs on its own thread, as on a server's worker, and has read part of
  // its log (the run is queued) before anything else happens.
  RecordingSink first_sink;
  std::thread first_client([&] { first.stream(first_sink); });
  ASSERT_TRUE(first_sink.wait_for("thread.run.created"));

  // The run reaches requires_action (a poll advances it), and another client submits the
  // outputs with stream: true while the first stream may not have seen that yet.
  harness.advance_ms(2000);
  const Json run = harness.get(runs).json["data"][0];
  ASSERT_EQ(run["status"], "requires_action") << run.dump();
  const std::string call_id = run["required_action"]["submit_tool_outputs"]["tool_calls"][0]["id"];
  mock::http::ApiResponse second = post_stream(
      runs + "/" + run["id"].get<std::string>() + "/submit_tool_outputs",
      Json{{"tool_outputs", Json::array({Json{{"tool_call_id", call_id}, {"output", "1"}}})},
           {"stream", true}});
  ASSERT_TRUE(second.stream);
  harness.advance_ms(10'000);
  RecordingSink second_sink;
  second.stream(second_sink);
  first_client.join();

  // The first stream: its run up to requires_action, then done; nothing of the answer.
  const std::vector<std::string> first_names = first_sink.names();
  ASSERT_GE(first_names.size(), 3U);
  EXPECT_EQ(first_names.front(), "thread.run.created");
  EXPECT_EQ(first_names[first_names.size() - 2], "thread.run.requires_action");
  EXPECT_EQ(first_names.back(), "done");
  EXPECT_EQ(first_sink.count("thread.run.completed"), 0U);
  EXPECT_EQ(first_sink.count("thread.message.created"), 0U);

  // The second stream: from the outputs to the answer and the run's end, then done.
  const std::vector<std::string> second_names = second_sink.names();
  ASSERT_GE(second_names.size(), 3U);
  EXPECT_EQ(second_sink.count("thread.run.created"), 0U);
  EXPECT_EQ(second_sink.count("thread.run.requires_action"), 0U);
  EXPECT_EQ(second_sink.count("thread.message.completed"), 1U);
  EXPECT_EQ(second_names[second_names.size() - 2], "thread.run.completed");
  EXPECT_EQ(second_names.back(), "done");
}

}  // namespace
