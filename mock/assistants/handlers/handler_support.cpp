#include "mock/assistants/handlers/handler_support.hpp"

#include <utility>

#include "mock/assistants/params/shared_params.hpp"
#include "mock/http/api_error.hpp"
#include "mock/http/json_body.hpp"

namespace mock::assistants {

const Assistant& require_assistant(const AssistantsState& state, const std::string& id,
                                   const std::string& param) {
  check_id_prefix(param, id, "asst_");
  const Assistant* assistant = state.assistants.find(id);
  if (assistant == nullptr) throw http::errors::not_found("assistant", id);
  return *assistant;
}

Assistant& require_assistant(AssistantsState& state, const std::string& id,
                             const std::string& param) {
  return *state.assistants.find(require_assistant(std::as_const(state), id, param).id);
}

Thread& require_thread(AssistantsState& state, Services& services, const std::string& id) {
  check_id_prefix("thread_id", id, "thread_");
  Thread* thread = state.threads.find(id);
  if (thread == nullptr) throw http::errors::not_found("thread", id);
  services.runs.advance(*thread, services.clock.now_ms());
  return *thread;
}

// The mutable lookups check like the const ones, then take the object through the mutable
// find, which drops its cached wire bytes: the caller may change it.
Message& require_message(Thread& thread, const std::string& id) {
  return *thread.messages.find(require_message(std::as_const(thread), id).id);
}

Run& require_run(Thread& thread, const std::string& id) {
  return *thread.runs.find(require_run(std::as_const(thread), id).id);
}

RunStep& require_step(Run& run, const std::string& id) {
  return *run.steps.find(require_step(std::as_const(run), id).id);
}

const Thread& require_thread(const AssistantsState& state, const std::string& id) {
  check_id_prefix("thread_id", id, "thread_");
  return found_thread(state.threads.find(id), id);
}

Thread& found_thread(Thread* thread, const std::string& id) {
  if (thread == nullptr) throw http::errors::not_found("thread", id);
  return *thread;
}

const Thread& found_thread(const Thread* thread, const std::string& id) {
  if (thread == nullptr) throw http::errors::not_found("thread", id);
  return *thread;
}

const Message& require_message(const Thread& thread, const std::string& id) {
  check_id_prefix("message_id", id, "msg_");
  const Message* message = thread.messages.find(id);
  if (message == nullptr) throw http::errors::not_found("message", id);
  return *message;
}

const Run& require_run(const Thread& thread, const std::string& id) {
  check_id_prefix("run_id", id, "run_");
  const Run* run = thread.runs.find(id);
  if (run == nullptr) throw http::errors::not_found("run", id);
  return *run;
}

const RunStep& require_step(const Run& run, const std::string& id) {
  check_id_prefix("step_id", id, "step_");
  const RunStep* step = run.steps.find(id);
  if (step == nullptr) throw http::errors::not_found("run step", id);
  return *step;
}

Json request_body(const http::ApiRequest& request) {
  return http::parse_json_object_body(request.body);
}

void assign_optional_string(std::optional<std::string>& field, const Json& body, const char* key) {
  const auto it = body.find(key);
  if (it == body.end()) return;
  if (it->is_null()) {
    field.reset();
  } else {
    field = it->get<std::string>();
  }
}

}  // namespace mock::assistants

namespace mock::assistants {

Message& append_client_message(Thread& thread, Json fields, Services& services) {
  Message message;
  message.id = services.ids.next("msg_");
  message.created_at = services.clock.now_seconds();
  message.thread_id = thread.id;
  message.status = MessageStatus::completed;
  message.completed_at = message.created_at;
  message.role = fields.at("role") == "assistant" ? Role::assistant : Role::user;
  message.content = std::move(fields.at("content"));
  message.attachments = std::move(fields.at("attachments"));
  message.metadata = std::move(fields.at("metadata"));
  return thread.messages.insert(std::move(message));
}

}  // namespace mock::assistants
