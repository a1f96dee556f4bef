#include "mock/assistants/lifecycle/run_work.hpp"

#include <string>

#include "http/api_error.hpp"
#include "mock/assistants/lifecycle/stream_events.hpp"

namespace mock::assistants::work {
namespace {
template <class Status, class Event>
Status checked_next(Status from, Event event, const char* what) {
  const auto next = next_status(from, event);
  if (!next) {
    // The driver only fires events its own checks allow; reaching here is a bug.
    throw http::errors::internal(std::string("illegal ") + what + " transition " +
                                 std::string(to_string(from)) + " --" +
                                 std::string(to_string(event)) + "-->");
  }
  return *next;
}
}  // namespace

void move_step(RunStep& step, StepEvent event) {
  step.status = checked_next(step.status, event, "step");
}

void move_message(Message& message, MessageEvent event) {
  message.status = checked_next(message.status, event, "message");
}

Json usage_json(std::int64_t prompt_tokens, std::int64_t completion_tokens) {
  return Json{{"prompt_tokens", prompt_tokens},
              {"completion_tokens", completion_tokens},
              {"total_tokens", prompt_tokens + completion_tokens}};
}

RunStep& open_step(Run& run, StepType type, Json step_details, Timestamp at,
                   core::IdGenerator& ids) {
  RunStep step;
  step.id = ids.next("step_");
  step.created_at = at;
  step.run_id = run.id;
  step.assistant_id = run.assistant_id;
  step.thread_id = run.thread_id;
  step.type = type;
  step.status = StepStatus::in_progress;
  step.step_details = std::move(step_details);
  run.progress.open_step_id = step.id;
  return run.steps.insert(std::move(step));
}

Message& open_message(Thread& thread, Run& run, Timestamp at, core::IdGenerator& ids) {
  Message message;
  message.id = ids.next("msg_");
  message.created_at = at;
  message.thread_id = thread.id;
  message.status = MessageStatus::in_progress;
  message.role = Role::assistant;
  message.assistant_id = run.assistant_id;
  message.run_id = run.id;
  run.progress.open_message_id = message.id;
  return thread.messages.insert(std::move(message));
}

RunStep* current_step(Run& run) {
  return run.progress.open_step_id ? run.steps.find(*run.progress.open_step_id) : nullptr;
}

Message* current_message(Thread& thread, Run& run) {
  return run.progress.open_message_id ? thread.messages.find(*run.progress.open_message_id)
                                      : nullptr;
}

void complete_step(Run& run, Timestamp at, Json usage) {
  if (RunStep* step = current_step(run)) {
    move_step(*step, StepEvent::complete);
    step->completed_at = at;
    step->usage = std::move(usage);
  }
  run.progress.open_step_id.reset();
}

void close_open_work(Thread& thread, Run& run, RunStatus ending, Timestamp at) {
  if (RunStep* step = current_step(run)) {
    switch (ending) {
      case RunStatus::expired:
        move_step(*step, StepEvent::expire);
        step->expired_at = at;
        break;
      case RunStatus::failed:
        move_step(*step, StepEvent::fail);
        step->failed_at = at;
        step->last_error = run.last_error;
        // A step's last_error.code has no invalid_prompt (FACTS.md §3.3).
        if (step->last_error.is_object() && step->last_error.value("code", "") == "invalid_prompt") {
          step->last_error["code"] = "server_error";
        }
        break;
      default:
        move_step(*step, StepEvent::cancel);
        step->cancelled_at = at;
        break;
    }
    events::step_event(run, *step, std::string(to_string(step->status)).c_str());
  }
  if (Message* message = current_message(thread, run)) {
    const char* reason = ending == RunStatus::expired  ? "run_expired"
                         : ending == RunStatus::failed ? "run_failed"
                                                       : "run_cancelled";
    move_message(*message, MessageEvent::cut_off);
    message->incomplete_at = at;
    message->incomplete_details = Json{{"reason", reason}};
    events::message_event(run, *message, "incomplete");
  }
  run.progress.open_step_id.reset();
  run.progress.open_message_id.reset();
  run.progress.action_open = false;
}

}  // namespace mock::assistants::work
