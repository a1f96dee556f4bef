#include "mock/assistants/handlers/handler_support.hpp"

#include <utility>

#include "http/api_error.hpp"
#include "mock/assistants/params/shared_params.hpp"

namespace mock::assistants {

namespace {
// The id's prefix checked (400 naming `param`), then the object, or ApiError 404
// "No <noun> found with id '...'.".
template <class T>
const T& require_in(const core::OrderedCollection<T>& collection, const std::string& id,
                    const std::string& param, const char* prefix, const char* noun) {
  core::check_id_prefix(param, id, prefix);
  const T* found = collection.find(id);
  if (found == nullptr) throw http::errors::not_found(noun, id);
  return *found;
}
}  // namespace

const Assistant& require_assistant(const AssistantsState& state, const std::string& id,
                                   const std::string& param) {
  return require_in(state.assistants, id, param, "asst_", "assistant");
}

const Thread& require_thread(const AssistantsState& state, const std::string& id) {
  return require_in(state.threads, id, "thread_id", "thread_", "thread");
}

const Message& require_message(const Thread& thread, const std::string& id) {
  return require_in(thread.messages, id, "message_id", "msg_", "message");
}

const Run& require_run(const Thread& thread, const std::string& id) {
  return require_in(thread.runs, id, "run_id", "run_", "run");
}

const RunStep& require_step(const Run& run, const std::string& id) {
  return require_in(run.steps, id, "step_id", "step_", "run step");
}

// The mutable lookups check like the const ones, then take the object through the mutable
// find, which drops its cached wire bytes: the caller may change it.
Assistant& require_assistant(AssistantsState& state, const std::string& id,
                             const std::string& param) {
  return *state.assistants.find(require_assistant(std::as_const(state), id, param).id);
}

Thread& require_thread(AssistantsState& state, Services& services, const std::string& id) {
  Thread& thread = *state.threads.find(require_thread(std::as_const(state), id).id);
  services.runs.advance(thread, services.clock.now_ms());
  return thread;
}

Message& require_message(Thread& thread, const std::string& id) {
  return *thread.messages.find(require_message(std::as_const(thread), id).id);
}

Run& require_run(Thread& thread, const std::string& id) {
  return *thread.runs.find(require_run(std::as_const(thread), id).id);
}

RunStep& require_step(Run& run, const std::string& id) {
  return *run.steps.find(require_step(std::as_const(run), id).id);
}

Thread& found_thread(Thread* thread, const std::string& id) {
  if (thread == nullptr) throw http::errors::not_found("thread", id);
  return *thread;
}

const Thread& found_thread(const Thread* thread, const std::string& id) {
  if (thread == nullptr) throw http::errors::not_found("thread", id);
  return *thread;
}

}  // namespace mock::assistants

namespace mock::assistants {

Message& append_client_message(Thread& thread, NewMessage written, Services& services) {
  Message message;
  message.id = services.ids.next("msg_");
  message.created_at = services.clock.now_seconds();
  message.thread_id = thread.id;
  message.status = MessageStatus::completed;
  message.completed_at = message.created_at;
  message.role = written.role;
  message.content = std::move(written.content);
  message.attachments = std::move(written.attachments);
  message.metadata = std::move(written.metadata);
  return thread.messages.insert(std::move(message));
}

}  // namespace mock::assistants
