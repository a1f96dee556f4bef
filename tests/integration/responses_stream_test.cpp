// Streamed and background responses over real HTTP: the service's event order, sequence
// numbers from 0 without gaps, deltas that add up to the final text; background responses
// that move queued -> in_progress -> completed on the manual clock, cancel, and resuming a
// stream with starting_after.
#include <chrono>
#include <future>
#include <map>
#include <sstream>
#include <thread>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "mock/scenario/scenario.hpp"
#include "tests/support/api_expect.hpp"
#include "tests/support/test_server.hpp"

namespace {
using mock::Json;
using namespace tests::support;

struct Event {
  std::string name;
  Json data;
};

// Splits a text/event-stream body into its events; every block must be `event:` + `data:`.
std::vector<Event> parse_events(const std::string& body) {
  std::vector<Event> events;
  std::size_t pos = 0;
  while (pos < body.size()) {
    const std::size_t end = body.find("\n\n", pos);
    EXPECT_NE(end, std::string::npos) << "unterminated event at " << pos;
    if (end == std::string::npos) break;
    const std::string block = body.substr(pos, end - pos);
    pos = end + 2;
    const std::size_t newline = block.find('\n');
    EXPECT_TRUE(block.starts_with("event: ")) << block;
    EXPECT_EQ(block.compare(newline + 1, 6, "data: "), 0) << block;
    events.push_back(Event{block.substr(7, newline - 7), Json::parse(block.substr(newline + 7))});
  }
  return events;
}

std::vector<std::string> names(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const Event& event : events) out.push_back(event.name);
  return out;
}

mock::MockServerConfig manual_clock_config() {
  mock::MockServerConfig config = test_config();
  config.manual_clock = true;
  config.run_step_ms = 100;
  return config;
}

class ResponsesStream : public ::testing::Test {
protected:
  TestServer server{manual_clock_config()};
  ApiClient client = server.client();

  void SetUp() override { client.set_beta(std::nullopt); }
  void advance(std::int64_t ms) { server.server().services().clock.advance_ms(ms); }
};

TEST_F(ResponsesStream, TextAnswerInTheServiceOrderWithSequenceNumbers) {
  const ApiResult result = client.post("/v1/responses", Json{{"model", "gpt-4o"}, {"stream", true},
                                                             {"input", "Tell me a long story about numbers"}});
  ASSERT_EQ(result.status, 200);
  EXPECT_EQ(result.header("Content-Type").value_or("").substr(0, 17), "text/event-stream");
  const std::vector<Event> events = parse_events(result.body);
  ASSERT_GE(events.size(), 9U);
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].data["sequence_number"], i);
    EXPECT_EQ(events[i].data["type"], events[i].name);
  }
  const std::vector<std::string> order = names(events);
  EXPECT_EQ(order.front(), "response.created");
  EXPECT_EQ(order[1], "response.in_progress");
  EXPECT_EQ(order[2], "response.output_item.added");
  EXPECT_EQ(order[3], "response.content_part.added");
  EXPECT_EQ(order[4], "response.output_text.delta");
  EXPECT_EQ(order[order.size() - 4], "response.output_text.done");
  EXPECT_EQ(order[order.size() - 3], "response.content_part.done");
  EXPECT_EQ(order[order.size() - 2], "response.output_item.done");
  EXPECT_EQ(order.back(), "response.completed");
  EXPECT_EQ(events[0].data["response"]["status"], "in_progress");
  EXPECT_EQ(events[0].data["response"]["output"], Json::array());
  std::string text;
  for (const Event& event : events) {
    if (event.name == "response.output_text.delta") text += event.data["delta"].get<std::string>();
  }
  const Json& final_response = events.back().data["response"];
  EXPECT_EQ(final_response["status"], "completed");
  EXPECT_EQ(text, final_response["output"][0]["content"][0]["text"]);
  EXPECT_EQ(events[order.size() - 4].data["text"], text);
  EXPECT_EQ(get_ok(client, "/v1/responses/" + final_response["id"].get<std::string>()), final_response);
}

TEST_F(ResponsesStream, FunctionCallArgumentsStreamAsDeltas) {
  server.server().services().scenarios.load(mock::scenario::parse_scenario(Json{
      {"rules", Json::array({Json{{"when", {{"message_contains", "call"}}},
                                  {"then", Json::array({Json{{"function_call", {{"name", "lookup"},
                                                                                {"arguments", {{"query", "a fairly long argument text"}}}}}}})}}})}}));
  const ApiResult result = client.post("/v1/responses", Json{{"model", "m"}, {"stream", true}, {"input", "please call"}});
  const std::vector<Event> events = parse_events(result.body);
  std::string arguments;
  bool done = false;
  for (const Event& event : events) {
    if (event.name == "response.function_call_arguments.delta") arguments += event.data["delta"].get<std::string>();
    if (event.name == "response.function_call_arguments.done") {
      done = true;
      EXPECT_EQ(event.data["arguments"], arguments);
      EXPECT_EQ(event.data["name"], "lookup");
    }
  }
  EXPECT_TRUE(done);
  EXPECT_EQ(Json::parse(arguments), (Json{{"query", "a fairly long argument text"}}));
}

TEST_F(ResponsesStream, BackgroundMovesAtThePaceAndResumesWithStartingAfter) {
  const Json created = post_ok(client, "/v1/responses", Json{{"model", "m"}, {"background", true}, {"input", "hi"}});
  const std::string id = created["id"];
  EXPECT_EQ(created["status"], "queued");
  EXPECT_EQ(created["background"], true);
  EXPECT_EQ(created["output"], Json::array());
  EXPECT_FALSE(created.contains("usage"));
  advance(100);
  EXPECT_EQ(get_ok(client, "/v1/responses/" + id)["status"], "in_progress");
  advance(100);
  const Json done = get_ok(client, "/v1/responses/" + id);
  EXPECT_EQ(done["status"], "completed");
  EXPECT_EQ(done["output"].size(), 1U);
  EXPECT_TRUE(done.contains("usage"));

  const std::vector<Event> all = parse_events(client.get("/v1/responses/" + id + "?stream=true").body);
  ASSERT_GE(all.size(), 5U);
  EXPECT_EQ(all[0].name, "response.created");
  EXPECT_EQ(all[1].name, "response.queued");
  EXPECT_EQ(all[2].name, "response.in_progress");
  EXPECT_EQ(all.back().name, "response.completed");
  const std::vector<Event> rest = parse_events(client.get("/v1/responses/" + id + "?stream=true&starting_after=2").body);
  ASSERT_EQ(rest.size(), all.size() - 3);
  EXPECT_EQ(rest.front().data["sequence_number"], 3);
  EXPECT_EQ(rest.front().data, all[3].data);
}

TEST_F(ResponsesStream, CancelWhileRunningIsIdempotent) {
  const std::string id =
      post_ok(client, "/v1/responses", Json{{"model", "m"}, {"background", true}, {"input", "hi"}})["id"];
  const Json cancelled = post_ok(client, "/v1/responses/" + id + "/cancel");
  EXPECT_EQ(cancelled["status"], "cancelled");
  EXPECT_EQ(post_ok(client, "/v1/responses/" + id + "/cancel"), cancelled);
  advance(1000);
  EXPECT_EQ(get_ok(client, "/v1/responses/" + id)["status"], "cancelled");

  const std::string finished =
      post_ok(client, "/v1/responses", Json{{"model", "m"}, {"background", true}, {"input", "hi"}})["id"];
  advance(1000);
  expect_error(client.post("/v1/responses/" + finished + "/cancel"), 400,
               "Cannot cancel a response with status 'completed'.");
}

// The value of the assistants_mock_open_streams gauge.
std::string open_streams(ApiClient& client) {
  const std::string body = client.get("/__admin/metrics").body;
  const std::string name = "assistants_mock_open_streams ";
  const std::size_t at = body.find("\n" + name);
  if (at == std::string::npos) return "missing";
  const std::size_t start = at + 1 + name.size();
  return body.substr(start, body.find('\n', start) - start);
}

// The service's stream has no event for a cancelled response (`response.cancelled` is a
// webhook event only; neither the spec's ResponseStreamEvent union nor the SDK's names one):
// a stream that is open when its background response is cancelled ends after the events
// the response had reached, at once, without a terminal event.
TEST_F(ResponsesStream, OpenBackgroundStreamEndsWhenTheResponseIsCancelled) {
  const std::string id =
      post_ok(client, "/v1/responses", Json{{"model", "m"}, {"background", true}, {"input", "hi"}})["id"];
  advance(100);  // in_progress, finishing only after another 100 ms of the manual clock
  std::future<ApiResult> stream = std::async(std::launch::async, [this, id] {
    ApiClient reader = server.client();
    reader.set_beta(std::nullopt);
    return reader.get("/v1/responses/" + id + "?stream=true");
  });
  for (int i = 0; i < 500 && open_streams(client) != "1"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(open_streams(client), "1") << "the stream never opened";
  EXPECT_EQ(stream.wait_for(std::chrono::milliseconds(100)), std::future_status::timeout)
      << "a stream of a running response stays open";

  EXPECT_EQ(post_ok(client, "/v1/responses/" + id + "/cancel")["status"], "cancelled");
  ASSERT_EQ(stream.wait_for(std::chrono::seconds(5)), std::future_status::ready)
      << "the stream stayed open after the cancel";
  const ApiResult result = stream.get();
  EXPECT_EQ(result.status, 200);
  const std::vector<Event> events = parse_events(result.body);
  EXPECT_EQ(names(events), (std::vector<std::string>{"response.created", "response.queued", "response.in_progress"}));
  for (std::size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].data["sequence_number"], i);
  for (int i = 0; i < 100 && open_streams(client) != "0"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(open_streams(client), "0");
  // Read again later, the stream of the cancelled response is the same events, closed at once.
  EXPECT_EQ(parse_events(client.get("/v1/responses/" + id + "?stream=true").body).size(), 3U);
}

// The assistants_mock_responses{status="..."} samples of GET /__admin/metrics.
std::map<std::string, std::string> response_gauges(ApiClient& client) {
  const ApiResult result = client.get("/__admin/metrics");
  EXPECT_EQ(result.status, 200);
  std::map<std::string, std::string> out;
  std::istringstream lines(result.body);
  const std::string prefix = "assistants_mock_responses{status=\"";
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with(prefix)) continue;
    const std::size_t quote = line.find('"', prefix.size());
    out[line.substr(prefix.size(), quote - prefix.size())] = line.substr(line.find(' ', quote) + 1);
  }
  return out;
}

TEST_F(ResponsesStream, MetricsCountStoredResponsesByStatus) {
  using Gauges = std::map<std::string, std::string>;
  EXPECT_EQ(response_gauges(client), (Gauges{{"queued", "0"}, {"in_progress", "0"}, {"completed", "0"},
                                             {"failed", "0"}, {"incomplete", "0"}, {"cancelled", "0"}}));
  post_ok(client, "/v1/responses", Json{{"model", "m"}, {"input", "kept"}});
  post_ok(client, "/v1/responses", Json{{"model", "m"}, {"store", false}, {"input", "not stored"}});
  const std::string deleted = post_ok(client, "/v1/responses", Json{{"model", "m"}, {"input", "gone"}})["id"];
  ASSERT_EQ(client.del("/v1/responses/" + deleted).status, 200);
  post_ok(client, "/v1/responses", Json{{"model", "m"}, {"background", true}, {"input", "later"}});
  const std::string cancelled =
      post_ok(client, "/v1/responses", Json{{"model", "m"}, {"background", true}, {"input", "stop"}})["id"];
  post_ok(client, "/v1/responses/" + cancelled + "/cancel");

  EXPECT_EQ(response_gauges(client), (Gauges{{"queued", "1"}, {"in_progress", "0"}, {"completed", "1"},
                                             {"failed", "0"}, {"incomplete", "0"}, {"cancelled", "1"}}));
  advance(100);
  EXPECT_EQ(response_gauges(client)["queued"], "0");
  EXPECT_EQ(response_gauges(client)["in_progress"], "1");
  advance(100);
  EXPECT_EQ(response_gauges(client), (Gauges{{"queued", "0"}, {"in_progress", "0"}, {"completed", "2"},
                                             {"failed", "0"}, {"incomplete", "0"}, {"cancelled", "1"}}));
}

TEST_F(ResponsesStream, BackgroundConversationGetsItemsWhenItCompletes) {
  const std::string conversation = post_ok(client, "/v1/conversations").value("id", "");
  post_ok(client, "/v1/responses", Json{{"model", "m"}, {"background", true}, {"conversation", conversation}, {"input", "hi"}});
  EXPECT_EQ(get_ok(client, "/v1/conversations/" + conversation + "/items")["data"].size(), 0U);
  advance(1000);
  EXPECT_EQ(get_ok(client, "/v1/conversations/" + conversation + "/items")["data"].size(), 2U);
}

}  // namespace
