#include "bench/soak/flows.hpp"

#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace soak {
namespace {
using Clock = std::chrono::steady_clock;

constexpr auto k_poll_interval = std::chrono::milliseconds(5);
// A run takes a few run steps (10 ms each by default); a sanitizer build under 64 clients
// is far slower, so the wait before calling a run stuck is generous.
constexpr auto k_run_deadline = std::chrono::seconds(20);
const std::string k_tools_text = "soak-tools: the weather in Paris?";
const std::string k_expected_reply = "It is sunny at noon.";

std::string str(const Json& value, const char* key) {
  const auto it = value.is_object() ? value.find(key) : value.end();
  return it != value.end() && it->is_string() ? it->get<std::string>() : "";
}

Json user_message(const std::string& text) { return Json{{"role", "user"}, {"content", text}}; }

Json assistant_body(std::uint64_t sequence) {
  const auto function = [](const char* name) {
    return Json{{"type", "function"}, {"function", Json{{"name", name}}}};
  };
  return Json{{"model", "gpt-4o"},
              {"name", "soak " + std::to_string(sequence)},
              {"tools", Json::array({function("get_weather"), function("get_time")})}};
}

std::string error_message(const Answer& answer) {
  return answer.json.is_object() && answer.json.contains("error")
             ? str(answer.json["error"], "message")
             : "";
}

// Deletes what a flow created, however the flow ended.
class Cleanup {
public:
  explicit Cleanup(SoakClient& client) : m_client(client) {}
  ~Cleanup() {
    for (const std::string& thread : m_threads) m_client.del("/v1/threads/" + thread);
    if (!m_assistant.empty()) m_client.del("/v1/assistants/" + m_assistant);
  }
  Cleanup(const Cleanup&) = delete;
  Cleanup& operator=(const Cleanup&) = delete;
  void thread(const std::string& id) {
    if (!id.empty()) m_threads.push_back(id);
  }
  void assistant(const std::string& id) { m_assistant = id; }
  // The flow deleted everything itself (and checked the 404s that follow).
  void forget() {
    m_threads.clear();
    m_assistant.clear();
  }

private:
  SoakClient& m_client;
  std::vector<std::string> m_threads;
  std::string m_assistant;
};

// Polls the run until its status is one of `wanted`; a flow failure after the deadline.
Json wait_for(SoakClient& client, const std::string& thread, const std::string& run,
              const std::set<std::string>& wanted) {
  const auto deadline = Clock::now() + k_run_deadline;
  Json last;
  while (Clock::now() < deadline) {
    const Answer answer = client.get("/v1/threads/" + thread + "/runs/" + run);
    if (answer.status != 200) return Json();
    last = answer.json;
    if (wanted.count(str(last, "status")) > 0) return last;
    std::this_thread::sleep_for(k_poll_interval);
  }
  client.flow_failure("run " + run + " still " + str(last, "status") + " after " +
                      std::to_string(k_run_deadline.count()) + " s");
  return Json();
}

// Outputs for every call the run waits for.
Json tool_outputs(const Json& run) {
  Json outputs = Json::array();
  const Json calls = run.value("required_action", Json::object())
                         .value("submit_tool_outputs", Json::object())
                         .value("tool_calls", Json::array());
  for (const Json& call : calls) {
    const std::string name = call.value("function", Json::object()).value("name", "");
    outputs.push_back(Json{{"tool_call_id", str(call, "id")},
                           {"output", name == "get_weather" ? "sunny"
                                      : name == "get_time"  ? "noon"
                                                            : "ok"}});
  }
  return outputs;
}

std::string message_text(const Json& message) {
  for (const Json& part : message.value("content", Json::array())) {
    if (str(part, "type") == "text") return part.value("text", Json::object()).value("value", "");
  }
  return "";
}

// The stream ends with `last_run_event` and then `done`; returns the run of that event.
Json check_stream_end(SoakClient& client, const Answer& answer, const std::string& last_run_event,
                      const std::string& what) {
  const auto& events = answer.events;
  if (answer.status != 200) return Json();
  if (events.size() < 2 || events.back().name != "done" || events.back().data != "[DONE]" ||
      events[events.size() - 2].name != last_run_event) {
    client.flow_failure(what + ": the stream did not end with " + last_run_event + " then done (" +
                        std::to_string(events.size()) + " events, last " +
                        (events.empty() ? std::string("none") : events.back().name) + ")");
    return Json();
  }
  return events[events.size() - 2].data;
}

std::string streamed_text(const Answer& answer) {
  std::string text;
  for (const SseEvent& event : answer.events) {
    if (event.name != "thread.message.delta") continue;
    for (const Json& part :
         event.data.value("delta", Json::object()).value("content", Json::array())) {
      text += part.value("text", Json::object()).value("value", "");
    }
  }
  return text;
}

// Every object of a list, following `after` from page to page.
std::vector<Json> walk(SoakClient& client, const std::string& path, int limit, const char* order) {
  std::vector<Json> all;
  std::string after;
  for (int pages = 0; pages < 1000; ++pages) {
    std::string url = path + "?limit=" + std::to_string(limit) + "&order=" + order;
    if (!after.empty()) url += "&after=" + after;
    const Answer page = client.get(url);
    if (page.status != 200) break;
    for (const Json& item : page.json.value("data", Json::array())) all.push_back(item);
    if (!page.json.value("has_more", false) || all.empty()) break;
    after = str(all.back(), "id");
  }
  return all;
}

// Polling: requires_action, a refused message, tool outputs, completion, the reply and
// the steps.
void tools_by_polling(SoakClient& client, std::uint64_t sequence) {
  Cleanup cleanup(client);
  const std::string assistant =
      str(client.post("/v1/assistants", assistant_body(sequence)).json, "id");
  cleanup.assistant(assistant);
  const std::string thread =
      str(client.post("/v1/threads", Json{{"messages", Json::array({user_message(k_tools_text)})}})
              .json,
          "id");
  cleanup.thread(thread);
  if (assistant.empty() || thread.empty()) return;
  const std::string base = "/v1/threads/" + thread;
  const std::string run =
      str(client.post(base + "/runs", Json{{"assistant_id", assistant}}).json, "id");
  if (run.empty()) return;
  const Json waiting = wait_for(client, thread, run, {"requires_action"});
  if (waiting.is_null()) return;
  const Answer refused = client.post(base + "/messages", user_message("too early"), {400});
  if (refused.status == 400 && error_message(refused) != "Can't add messages to " + thread +
                                                             " while a run " + run +
                                                             " is active.") {
    client.flow_failure("message during a run refused with: " + error_message(refused));
  }
  client.post(base + "/runs/" + run + "/submit_tool_outputs",
              Json{{"tool_outputs", tool_outputs(waiting)}});
  if (wait_for(client, thread, run, {"completed"}).is_null()) return;
  const std::vector<Json> messages = walk(client, base + "/messages", 1, "asc");
  if (messages.size() != 2 || message_text(messages[1]) != k_expected_reply) {
    client.flow_failure("thread " + thread + ": expected the question and \"" + k_expected_reply +
                        "\", got " + std::to_string(messages.size()) + " messages");
  }
  const std::vector<Json> steps = walk(client, base + "/runs/" + run + "/steps", 20, "asc");
  if (steps.size() != 2 || str(steps[0], "type") != "tool_calls" ||
      str(steps[1], "status") != "completed") {
    client.flow_failure("run " + run +
                        ": expected a tool_calls step then a completed message step");
  }
}

// Streams: create thread and run until requires_action, then submit outputs streaming.
void tools_by_streaming(SoakClient& client, std::uint64_t sequence) {
  Cleanup cleanup(client);
  const std::string assistant =
      str(client.post("/v1/assistants", assistant_body(sequence)).json, "id");
  cleanup.assistant(assistant);
  if (assistant.empty()) return;
  const Answer first = client.stream(
      "/v1/threads/runs",
      Json{{"assistant_id", assistant},
           {"thread", Json{{"messages", Json::array({user_message(k_tools_text)})}}}});
  if (!first.events.empty() && first.events.front().name == "thread.created") {
    cleanup.thread(str(first.events.front().data, "id"));
  }
  const Json waiting =
      check_stream_end(client, first, "thread.run.requires_action", "thread and run stream");
  if (waiting.is_null()) return;
  const Answer second = client.stream("/v1/threads/" + str(waiting, "thread_id") + "/runs/" +
                                          str(waiting, "id") + "/submit_tool_outputs",
                                      Json{{"tool_outputs", tool_outputs(waiting)}});
  if (!check_stream_end(client, second, "thread.run.completed", "tool outputs stream").is_null() &&
      streamed_text(second) != k_expected_reply) {
    client.flow_failure("streamed reply \"" + streamed_text(second) + "\"");
  }
}

// Cancels a run while it works (or finds it completed), then runs again by streaming.
void cancel_then_stream(SoakClient& client, std::uint64_t sequence) {
  Cleanup cleanup(client);
  const std::string assistant =
      str(client.post("/v1/assistants", assistant_body(sequence)).json, "id");
  cleanup.assistant(assistant);
  const std::string thread =
      str(client
              .post("/v1/threads",
                    Json{{"messages", Json::array({user_message("soak-slow: take your time")})}})
              .json,
          "id");
  cleanup.thread(thread);
  if (assistant.empty() || thread.empty()) return;
  const std::string base = "/v1/threads/" + thread;
  const std::string run =
      str(client.post(base + "/runs", Json{{"assistant_id", assistant}}).json, "id");
  if (run.empty()) return;
  // A loaded server may have finished the run before the cancel arrives: then it is a 400.
  const Answer cancel = client.post(base + "/runs/" + run + "/cancel", Json::object(), {200, 400});
  if (cancel.status == 400 &&
      error_message(cancel) != "Cannot cancel run with status 'completed'.") {
    client.flow_failure("cancel refused with: " + error_message(cancel));
  }
  const Json ended = wait_for(client, thread, run, {"cancelled", "completed"});
  if (cancel.status == 200 && !ended.is_null() && str(ended, "status") != "cancelled") {
    client.flow_failure("run " + run + " accepted a cancel but ended " + str(ended, "status"));
  }
  if (ended.is_null()) return;
  client.post(base + "/messages", user_message("soak-plain: thanks " + std::to_string(sequence)));
  check_stream_end(client, client.stream(base + "/runs", Json{{"assistant_id", assistant}}),
                   "thread.run.completed", "run stream");
}

// Cancels a run that waits for tool outputs: its tool step ends cancelled.
void cancel_waiting_run(SoakClient& client, std::uint64_t sequence) {
  Cleanup cleanup(client);
  const std::string assistant =
      str(client.post("/v1/assistants", assistant_body(sequence)).json, "id");
  cleanup.assistant(assistant);
  if (assistant.empty()) return;
  const Json created =
      client
          .post("/v1/threads/runs",
                Json{{"assistant_id", assistant},
                     {"thread", Json{{"messages", Json::array({user_message(k_tools_text)})}}}})
          .json;
  const std::string thread = str(created, "thread_id");
  const std::string run = str(created, "id");
  cleanup.thread(thread);
  if (run.empty() || wait_for(client, thread, run, {"requires_action"}).is_null()) return;
  const std::string path = "/v1/threads/" + thread + "/runs/" + run;
  if (str(client.post(path + "/cancel", Json::object()).json, "status") != "cancelling") return;
  if (wait_for(client, thread, run, {"cancelled"}).is_null()) return;
  const std::vector<Json> steps = walk(client, path + "/steps", 5, "asc");
  if (steps.size() != 1 || str(steps[0], "status") != "cancelled") {
    client.flow_failure("cancelled run " + run + ": its tool step is not cancelled");
  }
  const Answer again = client.post(path + "/cancel", Json::object(), {400});
  if (again.status == 400 && error_message(again) != "Cannot cancel run with status 'cancelled'.") {
    client.flow_failure("second cancel refused with: " + error_message(again));
  }
}

// CRUD and pages: modify, list, delete, and the 404s after deletes.
void crud_and_lists(SoakClient& client, std::uint64_t sequence) {
  Cleanup cleanup(client);
  const std::string assistant =
      str(client.post("/v1/assistants", assistant_body(sequence)).json, "id");
  cleanup.assistant(assistant);
  if (assistant.empty()) return;
  client.post("/v1/assistants/" + assistant,
              Json{{"metadata", Json{{"flow", std::to_string(sequence)}}}});
  client.get("/v1/assistants?limit=5");
  const std::string thread = str(client.post("/v1/threads", Json::object()).json, "id");
  cleanup.thread(thread);
  if (thread.empty()) return;
  const std::string base = "/v1/threads/" + thread;
  std::vector<std::string> created;
  for (int i = 0; i < 3; ++i) {
    created.push_back(
        str(client.post(base + "/messages", user_message("soak-plain " + std::to_string(i))).json,
            "id"));
  }
  const std::vector<Json> listed = walk(client, base + "/messages", 2, "desc");
  if (listed.size() != 3 || str(listed[0], "id") != created[2] ||
      str(listed[2], "id") != created[0]) {
    client.flow_failure("thread " + thread + ": messages listed out of order or not all");
  }
  client.del(base + "/messages/" + created[1]);
  client.get(base + "/messages/" + created[1], {404});
  if (walk(client, base + "/messages", 2, "asc").size() != 2) {
    client.flow_failure("thread " + thread + ": a deleted message is still listed");
  }
  const Answer runs = client.get(base + "/runs");
  if (runs.status == 200 && !runs.json.value("data", Json::array()).empty()) {
    client.flow_failure("thread " + thread + " lists runs it never had");
  }
  cleanup.forget();
  client.del(base);
  client.get(base, {404});
  client.del("/v1/assistants/" + assistant);
  client.get("/v1/assistants/" + assistant, {404});
}
}  // namespace

const char* flow_name(std::size_t kind) {
  static const char* const k_names[k_flow_kinds] = {"tools by polling", "tools by streaming",
                                                    "cancel then stream", "cancel a waiting run",
                                                    "crud and lists"};
  return kind < k_flow_kinds ? k_names[kind] : "?";
}

void run_flow(SoakClient& client, std::size_t kind, std::uint64_t sequence) {
  switch (kind % k_flow_kinds) {
    case 0: tools_by_polling(client, sequence); break;
    case 1: tools_by_streaming(client, sequence); break;
    case 2: cancel_then_stream(client, sequence); break;
    case 3: cancel_waiting_run(client, sequence); break;
    default: crud_and_lists(client, sequence); break;
  }
  ++client.tally().flows;
}

Json soak_scenario() {
  return Json::parse(R"({
    "name": "soak",
    "rules": [
      { "when": { "message_contains": "soak-tools" },
        "then": [ { "function_call": [ { "name": "get_weather", "arguments": { "city": "Paris" } },
                                       { "name": "get_time", "arguments": { "city": "Paris" } } ] },
                  { "message": "It is {{tool_outputs.get_weather}} at {{tool_outputs.get_time}}." } ] },
      { "when": { "message_contains": "soak-slow" },
        "then": [ { "delay_ms": 200, "message": "Sorry for the wait." } ] }
    ]
  })");
}

}  // namespace soak
