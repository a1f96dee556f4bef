#include "bench/soak/state_invariants.hpp"

#include <set>

namespace soak {
namespace {
using Json = nlohmann::json;

const std::set<std::string> k_active = {"queued", "in_progress", "requires_action", "cancelling"};
const std::set<std::string> k_known = {"queued",     "in_progress", "requires_action",
                                       "cancelling", "cancelled",   "failed",
                                       "completed",  "incomplete",  "expired"};

// A member, or null when absent: a malformed state is reported, not a crash.
const Json& field(const Json& value, const char* key) {
  static const Json k_null;
  if (!value.is_object()) return k_null;
  const auto it = value.find(key);
  return it == value.end() ? k_null : *it;
}

std::string text(const Json& value, const char* key) {
  const Json& member = field(value, key);
  return member.is_string() ? member.get<std::string>() : "";
}

std::vector<std::string> call_ids(const Json& calls) {
  std::vector<std::string> ids;
  if (calls.is_array()) {
    for (const Json& call : calls) ids.push_back(text(call, "id"));
  }
  return ids;
}

class Checker {
public:
  std::vector<std::string> breaks;

  void thread(const Json& thread) {
    const std::string id = text(thread, "id");
    if (!seen_threads.insert(id).second) fail("thread " + id + " listed twice");
    std::set<std::string> run_ids;
    int active = 0;
    for (const Json& run : field(thread, "runs")) {
      run_ids.insert(text(run, "id"));
      active += k_active.count(text(run, "status")) > 0 ? 1 : 0;
      this->run(id, run, field(thread, "messages"));
    }
    if (active > 1) fail("thread " + id + " has " + std::to_string(active) + " active runs");
    for (const Json& message : field(thread, "messages")) {
      if (text(message, "thread_id") != id)
        fail("message " + text(message, "id") + " under thread " + id + " names another thread");
      const Json& run_id = field(message, "run_id");
      if (!run_id.is_null() &&
          run_ids.count(run_id.is_string() ? run_id.get<std::string>() : "") == 0) {
        fail("message " + text(message, "id") + " names run " + run_id.dump() +
             ", not a run of thread " + id);
      }
    }
  }

private:
  std::set<std::string> seen_threads;

  void fail(std::string what) { breaks.push_back(std::move(what)); }

  void run(const std::string& thread_id, const Json& run, const Json& messages) {
    const std::string id = text(run, "id");
    const std::string status = text(run, "status");
    const std::string where = "run " + id + " (" + status + ")";
    if (k_known.count(status) == 0) fail(where + ": unknown status");
    if (text(run, "thread_id") != thread_id)
      fail(where + " sits under thread " + thread_id + " but names another");
    const bool active = k_active.count(status) > 0;
    std::vector<const Json*> open_steps;
    for (const Json& step : field(run, "steps")) {
      if (text(step, "run_id") != id)
        fail(where + ": step " + text(step, "id") + " names another run");
      if (text(step, "status") == "in_progress") open_steps.push_back(&step);
      if (status == "completed" && text(step, "status") != "completed") {
        fail(where + ": step " + text(step, "id") + " is " + text(step, "status"));
      }
    }
    const Json& required = field(run, "required_action");
    if (status == "requires_action") {
      if (open_steps.size() != 1 || text(*open_steps[0], "type") != "tool_calls") {
        fail(where + ": needs exactly one open tool_calls step, has " +
             std::to_string(open_steps.size()) + " open");
      } else if (call_ids(field(field(*open_steps[0], "step_details"), "tool_calls")) !=
                 call_ids(field(field(required, "submit_tool_outputs"), "tool_calls"))) {
        fail(where + ": required_action's calls are not the open step's");
      }
    } else if (status == "queued" || !active) {
      if (!open_steps.empty()) fail(where + ": has an open step " + text(*open_steps[0], "id"));
    } else if (open_steps.size() > 1) {
      fail(where + ": has " + std::to_string(open_steps.size()) + " open steps");
    }
    if (!active) {
      if (!required.is_null()) fail(where + ": finished with a required_action");
      if (field(run, "usage").is_null()) fail(where + ": finished without usage");
      if (status != "expired" && !field(run, "expires_at").is_null())
        fail(where + ": finished with expires_at set");
    }
    if ((status == "failed") != !field(run, "last_error").is_null())
      fail(where + ": last_error does not match the status");
    const auto stamped = [&](const char* stamp, const char* when) {
      if ((status == when) != !field(run, stamp).is_null())
        fail(where + ": " + stamp + " does not match the status");
    };
    stamped("completed_at", "completed");
    stamped("cancelled_at", "cancelled");
    stamped("failed_at", "failed");
    for (const Json& message : messages) {
      if (text(message, "run_id") != id) continue;
      const std::string message_status = text(message, "status");
      if (!active && message_status == "in_progress")
        fail(where + ": message " + text(message, "id") + " still in progress");
      if (status == "completed" && message_status != "completed") {
        fail(where + ": message " + text(message, "id") + " is " + message_status);
      }
    }
  }
};
}  // namespace

std::vector<std::string> check_state(const Json& state) {
  Checker checker;
  if (!field(state, "threads").is_array() || !field(state, "assistants").is_array()) {
    return {"the state has no threads or assistants array"};
  }
  for (const Json& thread : field(state, "threads")) checker.thread(thread);
  std::set<std::string> assistants;
  for (const Json& assistant : field(state, "assistants")) {
    if (!assistants.insert(text(assistant, "id")).second) {
      checker.breaks.push_back("assistant " + text(assistant, "id") + " listed twice");
    }
  }
  return checker.breaks;
}

}  // namespace soak
