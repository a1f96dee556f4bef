#include "tests/model/command_support.hpp"

#include <rapidcheck.h>

#include "tests/model/server_under_test.hpp"

namespace tests::model {

std::size_t pick(const std::vector<std::size_t>& preferred, std::size_t count) {
  constexpr int k_preferred_in_ten = 8;
  if (!preferred.empty() && *rc::gen::inRange(0, 10) < k_preferred_in_ten) {
    return preferred[*rc::gen::inRange<std::size_t>(0, preferred.size())];
  }
  return *rc::gen::inRange<std::size_t>(0, count);
}

int uniform(int min, int max) {
  constexpr int k_nominal_size = 100;  // rapidcheck's size at which inRange spans its range
  return *rc::gen::resize(k_nominal_size, rc::gen::inRange(min, max));
}

std::vector<std::size_t> live_threads(const Model& model) {
  std::vector<std::size_t> out;
  for (std::size_t t = 0; t < model.threads.size(); ++t) {
    if (!model.threads[t].deleted) out.push_back(t);
  }
  return out;
}

std::vector<std::size_t> live_assistants(const Model& model) {
  std::vector<std::size_t> out;
  for (std::size_t a = 0; a < model.assistants.size(); ++a) {
    if (!model.assistants[a].deleted) out.push_back(a);
  }
  return out;
}

bool has_thread(const Model& model, std::size_t thread) { return thread < model.threads.size(); }

bool has_run(const Model& model, std::size_t thread, std::size_t run) {
  return has_thread(model, thread) && run < model.threads[thread].runs.size();
}

bool has_message(const Model& model, std::size_t thread, std::size_t message) {
  return has_thread(model, thread) && message < model.threads[thread].messages.size();
}

mock::Json expect_ok(const support::ApiResult& result, const std::string& what) {
  ++figures().outcomes[what];
  require(result.status == 200 && result.json.is_object(),
          what + ": expected 200, got " + support::describe(result));
  return result.json;
}

void expect_error(const support::ApiResult& result, int status, const std::string& message,
                  const std::string& what) {
  ++figures().outcomes[what];
  const mock::Json& error = result.error_object();
  require(result.status == status && error.is_object() && error.value("message", "") == message,
          what + ": expected " + std::to_string(status) + " \"" + message + "\", got " +
              support::describe(result));
}

std::string not_found(const std::string& object_word, const std::string& id) {
  return "No " + object_word + " found with id '" + id + "'.";
}

std::string active_run_blocks_run(const std::string& thread_id, const std::string& run_id) {
  return "Thread " + thread_id + " already has an active run " + run_id + ".";
}

std::string active_run_blocks_message(const std::string& thread_id, const std::string& run_id) {
  return "Can't add messages to " + thread_id + " while a run " + run_id + " is active.";
}

std::string cannot_cancel(RunStatus status) {
  return "Cannot cancel run with status '" + std::string(to_string(status)) + "'.";
}

std::string outputs_not_wanted(RunStatus status) {
  return "Runs in status \"" + std::string(to_string(status)) + "\" do not accept tool outputs.";
}

std::string outputs_mismatch(const std::vector<std::string>& expected,
                             const std::vector<std::string>& got) {
  const auto quoted = [](const std::vector<std::string>& ids) {
    std::string out = "[";
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? ", '" : "'") + ids[i] + "'";
    return out + "]";
  };
  return "Expected tool outputs for call_ids " + quoted(expected) + ", got " + quoted(got);
}

void expect_deleted(const support::ApiResult& result, const std::string& id,
                    const std::string& object, const std::string& what) {
  const mock::Json body = expect_ok(result, what);
  require(body == mock::Json{{"id", id}, {"object", object + ".deleted"}, {"deleted", true}},
          what + ": " + body.dump());
}

}  // namespace tests::model
