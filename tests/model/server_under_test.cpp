#include "tests/model/server_under_test.hpp"

#include <array>
#include <deque>
#include <set>

#include <rapidcheck.h>

#include "mock/assistants/lifecycle/run_transitions.hpp"

namespace tests::model {
namespace {
using mock::Json;
using mock::assistants::RunEvent;

// A member, or null when the value is not an object or lacks it: a server bug then fails
// the case with a message instead of tripping nlohmann's assertions.
const Json& field(const Json& value, const char* key) {
  static const Json k_null;
  if (!value.is_object()) return k_null;
  const auto it = value.find(key);
  return it == value.end() ? k_null : *it;
}

std::string str(const Json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// The text of a message's first text part ("" while a run is still writing it).
std::string message_text(const Json& message) {
  for (const Json& part : message.value("content", Json::array())) {
    if (part.value("type", "") == "text") return field(part, "text").value("value", "");
  }
  return "";
}

// Binds a handle's slot to the id the server shows, or checks it is the same id.
void bind_id(std::string& slot, const Json& object, const std::string& what) {
  const std::string id = object.value("id", "");
  require(!id.empty(), what + ": no id in " + object.dump());
  if (slot.empty()) slot = id;
  require(slot == id, what + ": expected id " + slot + ", the server shows " + id);
}

template <class T>
std::vector<std::size_t> live_indices(const std::vector<T>& items) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].deleted) out.push_back(i);
  }
  return out;
}

std::vector<std::string> call_ids(const Json& tool_calls) {
  std::vector<std::string> ids;
  for (const Json& call : tool_calls) ids.push_back(call.value("id", ""));
  return ids;
}

// Invariants that hold whatever the model says: they read the server's state alone.
void check_thread_invariants(const Json& thread) {
  const std::string where = "thread " + thread.value("id", "");
  std::set<std::string> run_ids;
  int active = 0;
  for (const Json& run : field(thread, "runs")) {
    run_ids.insert(run.value("id", ""));
    const RunStatus status = parse_status(run);
    active += mock::assistants::is_active(status) ? 1 : 0;
    const std::string run_where = where + " run " + run.value("id", "");
    std::vector<const Json*> open_steps;
    for (const Json& step : field(run, "steps")) {
      if (step.value("status", "") == "in_progress") open_steps.push_back(&step);
    }
    if (status == RunStatus::requires_action) {
      require(open_steps.size() == 1 && open_steps[0]->value("type", "") == "tool_calls",
              run_where + ": requires_action needs exactly one open tool_calls step");
      require(call_ids(field(field((*open_steps[0]), "step_details"), "tool_calls")) ==
                  call_ids(field(field(field(run, "required_action"), "submit_tool_outputs"),
                                 "tool_calls")),
              run_where + ": the open step's calls are not the required_action's");
    } else if (status == RunStatus::queued || mock::assistants::is_terminal(status)) {
      require(open_steps.empty(),
              run_where + " is " + str(field(run, "status")) + " with an open step");
    } else {
      require(open_steps.size() <= 1, run_where + " has several open steps");
    }
    if (mock::assistants::is_terminal(status)) {
      require(field(run, "required_action").is_null(),
              run_where + ": a finished run has required_action");
    }
    require((status == RunStatus::failed) == !field(run, "last_error").is_null(),
            run_where + ": last_error must be set exactly when failed");
    if (status == RunStatus::completed) {
      for (const Json& step : field(run, "steps")) {
        require(step.value("status", "") == "completed",
                run_where + ": completed with a step " + step.value("status", ""));
      }
    }
  }
  require(active <= 1, where + " has " + std::to_string(active) + " active runs");
  for (const Json& message : field(thread, "messages")) {
    if (field(message, "run_id").is_null()) continue;
    const std::string run_id = str(field(message, "run_id"));
    require(run_ids.count(run_id) == 1, where + ": message of unknown run " + run_id);
    for (const Json& run : field(thread, "runs")) {
      if (run.value("id", "") == run_id && mock::assistants::is_terminal(parse_status(run))) {
        require(message.value("status", "") != "in_progress",
                where + ": run " + run_id + " ended with its message in progress");
      }
    }
  }
}
}  // namespace

Figures& figures() {
  static Figures k_figures;
  return k_figures;
}

void require(bool ok, const std::string& what) {
  if (!ok) RC_FAIL(what);
}

RunStatus parse_status(const Json& run) {
  const auto status = mock::assistants::parse_run_status(run.value("status", ""));
  require(status.has_value(), "unknown run status in " + run.dump());
  return *status;
}

bool reachable(RunStatus from, RunStatus to) {
  constexpr std::array k_events = {
      RunEvent::start,    RunEvent::require_action, RunEvent::submit_tool_outputs,
      RunEvent::complete, RunEvent::fail,           RunEvent::hit_token_limit,
      RunEvent::cancel,   RunEvent::finish_cancel,  RunEvent::expire};
  std::set<RunStatus> seen{from};
  std::deque<RunStatus> queue{from};
  while (!queue.empty()) {
    const RunStatus at = queue.front();
    queue.pop_front();
    if (at == to) return true;
    for (const RunEvent event : k_events) {
      const auto next = mock::assistants::next_status(at, event);
      if (next && seen.insert(*next).second) queue.push_back(*next);
    }
  }
  return false;
}

ServerUnderTest::ServerUnderTest(int port) : m_client("127.0.0.1", port) {
  m_client.set_keep_alive(true);
  checked(m_client.post("/__admin/reset"), "POST /__admin/reset");
  const Json clock = checked(m_client.get("/__admin/clock"), "GET /__admin/clock").json;
  const std::int64_t into_second = clock.value("now_ms", std::int64_t{0}) % 1000;
  if (into_second != 0) advance_clock(1000 - into_second);
}

support::ApiResult ServerUnderTest::checked(support::ApiResult result, const std::string& what) {
  require(result.status == 200, what + ": " + support::describe(result));
  return result;
}

support::ApiResult ServerUnderTest::get(const std::string& path) {
  ++figures().requests;
  return m_client.get(path);
}
support::ApiResult ServerUnderTest::post(const std::string& path, const Json& body) {
  ++figures().requests;
  return m_client.post(path, body);
}
support::ApiResult ServerUnderTest::del(const std::string& path) {
  ++figures().requests;
  return m_client.del(path);
}

void ServerUnderTest::advance_clock(std::int64_t ms) {
  checked(post("/__admin/clock/advance", Json{{"ms", ms}}), "advance the clock");
}

std::string& ServerUnderTest::assistant_id(std::size_t a) {
  if (m_assistants.size() <= a) m_assistants.resize(a + 1);
  return m_assistants[a];
}

ThreadIds& ServerUnderTest::thread(std::size_t t) {
  if (m_threads.size() <= t) m_threads.resize(t + 1);
  return m_threads[t];
}

RunIds& ServerUnderTest::run(std::size_t t, std::size_t r) {
  ThreadIds& ids = thread(t);
  if (ids.runs.size() <= r) ids.runs.resize(r + 1);
  return ids.runs[r];
}

std::string& ServerUnderTest::message_id(std::size_t t, std::size_t m) {
  ThreadIds& ids = thread(t);
  if (ids.messages.size() <= m) ids.messages.resize(m + 1);
  return ids.messages[m];
}

void ServerUnderTest::verify(const Model& model) {
  const Json state = checked(get("/__admin/state"), "GET /__admin/state").json;
  const std::vector<std::size_t> assistants = live_indices(model.assistants);
  require(field(state, "assistants").size() == assistants.size(),
          "the server holds " + std::to_string(field(state, "assistants").size()) +
              " assistants, the model " + std::to_string(assistants.size()));
  for (std::size_t i = 0; i < assistants.size(); ++i) {
    const Json& shown = field(state, "assistants")[i];
    const ModelAssistant& expected = model.assistants[assistants[i]];
    bind_id(assistant_id(assistants[i]), shown, "assistant #" + std::to_string(assistants[i]));
    require(
        shown.value("model", "") == expected.model && str(field(shown, "name")) == expected.name,
        "assistant " + shown.value("id", "") + " is " + shown.dump());
  }
  const std::vector<std::size_t> threads = live_indices(model.threads);
  require(field(state, "threads").size() == threads.size(),
          "the server holds " + std::to_string(field(state, "threads").size()) +
              " threads, the model " + std::to_string(threads.size()));
  for (std::size_t i = 0; i < threads.size(); ++i) {
    check_thread_invariants(field(state, "threads")[i]);
    verify_thread(model.threads[threads[i]], thread(threads[i]), field(state, "threads")[i], model);
  }
}

void ServerUnderTest::verify_thread(const ModelThread& model, ThreadIds& ids, const Json& state,
                                    const Model& whole) {
  const std::size_t t = static_cast<std::size_t>(&model - whole.threads.data());
  bind_id(ids.id, state, "thread #" + std::to_string(t));
  const std::string where = "thread " + ids.id;
  // Runs first: messages name them.
  require(field(state, "runs").size() == model.runs.size(),
          where + " has " + std::to_string(field(state, "runs").size()) + " runs, the model " +
              std::to_string(model.runs.size()));
  if (ids.runs.size() < model.runs.size()) ids.runs.resize(model.runs.size());
  if (ids.messages.size() < model.messages.size()) ids.messages.resize(model.messages.size());
  const std::vector<std::size_t> messages = live_indices(model.messages);
  require(field(state, "messages").size() == messages.size(),
          where + " has " + std::to_string(field(state, "messages").size()) +
              " messages, the model " + std::to_string(messages.size()) + ": " +
              field(state, "messages").dump());
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const Json& shown = field(state, "messages")[i];
    const ModelMessage& expected = model.messages[messages[i]];
    const std::string what = where + " message #" + std::to_string(messages[i]);
    bind_id(ids.messages[messages[i]], shown, what);
    require(shown.value("role", "") == (expected.user ? "user" : "assistant") &&
                shown.value("status", "") == to_string(expected.status) &&
                message_text(shown) == expected.text,
            what + ": expected " + (expected.user ? "user" : "assistant") + " " +
                std::string(to_string(expected.status)) + " \"" + expected.text + "\", got " +
                shown.dump());
  }
  for (std::size_t r = 0; r < model.runs.size(); ++r) {
    const std::string what = where + " run #" + std::to_string(r);
    bind_id(ids.runs[r].id, field(state, "runs")[r], what);
    require(
        field(state, "runs")[r].value("assistant_id", "") == assistant_id(model.runs[r].assistant),
        what + ": wrong assistant_id");
    verify_run(model.runs[r], ids.runs[r], field(state, "runs")[r], what);
    // A run's own messages name it and are the ones its message_creation steps name.
    for (std::size_t s = 0; s < model.runs[r].steps.size(); ++s) {
      const auto& message = model.runs[r].steps[s].message;
      if (!message) continue;
      const Json& details = field(field(field(state, "runs")[r], "steps")[s], "step_details");
      require(field(details, "message_creation").value("message_id", "") == ids.messages[*message],
              what + " step #" + std::to_string(s) + " names the wrong message");
    }
  }
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const ModelMessage& expected = model.messages[messages[i]];
    const Json want = expected.run ? Json(ids.runs[*expected.run].id) : Json(nullptr);
    require(field(field(state, "messages")[i], "run_id") == want,
            where + " message " + ids.messages[messages[i]] + ": run_id " +
                field(field(state, "messages")[i], "run_id").dump() + ", expected " + want.dump());
  }
}

void ServerUnderTest::verify_run(const ModelRun& model, RunIds& ids, const Json& state,
                                 const std::string& where) {
  const RunStatus status = parse_status(state);
  if (ids.last_seen) {
    require(reachable(*ids.last_seen, status),
            where + " moved " + std::string(to_string(*ids.last_seen)) + " -> " +
                std::string(to_string(status)) + ", which the transition table does not allow");
  }
  if (!ids.last_seen || *ids.last_seen != status) {
    ++figures().outcomes["run reached " + std::string(to_string(status))];
  }
  ids.last_seen = status;
  require(status == model.status, where + " is " + std::string(to_string(status)) +
                                      ", the model expects " +
                                      std::string(to_string(model.status)));
  require(state.value("model", "") == model.model, where + ": model " + state.value("model", ""));
  if (status == RunStatus::requires_action) {
    std::vector<std::string> names;
    for (const Json& call :
         field(field(field(state, "required_action"), "submit_tool_outputs"), "tool_calls")) {
      names.push_back(field(call, "function").value("name", ""));
    }
    require(names == model.pending_calls,
            where + ": required_action " + field(state, "required_action").dump());
  }
  require(field(state, "steps").size() == model.steps.size(),
          where + " has " + std::to_string(field(state, "steps").size()) + " steps, the model " +
              std::to_string(model.steps.size()) + ": " + field(state, "steps").dump());
  if (ids.steps.size() < model.steps.size()) ids.steps.resize(model.steps.size());
  for (std::size_t s = 0; s < model.steps.size(); ++s) {
    const Json& shown = field(state, "steps")[s];
    const std::string what = where + " step #" + std::to_string(s);
    bind_id(ids.steps[s], shown, what);
    require(shown.value("type", "") == to_string(model.steps[s].type) &&
                shown.value("status", "") == to_string(model.steps[s].status),
            what + ": expected " + std::string(to_string(model.steps[s].type)) + " " +
                std::string(to_string(model.steps[s].status)) + ", got " + shown.dump());
  }
}

}  // namespace tests::model
