#include "mock/assistants/lifecycle/run_driver.hpp"

#include <limits>

#include "mock/assistants/lifecycle/run_transitions.hpp"
#include "mock/http/api_error.hpp"

namespace mock::assistants {
namespace {
Timestamp seconds(std::int64_t ms) { return ms / 1000; }

Json usage_json(std::int64_t prompt, std::int64_t completion) {
  return Json{{"prompt_tokens", prompt},
              {"completion_tokens", completion},
              {"total_tokens", prompt + completion}};
}

void move_run(Run& run, RunEvent event) {
  const auto next = next_status(run.status, event);
  if (!next) {
    // The driver only fires events its own checks allow; reaching here is a bug.
    throw http::errors::internal("illegal run transition " + std::string(to_string(run.status)) +
                                 " --" + std::string(to_string(event)) + "-->");
  }
  run.status = *next;
}
}  // namespace

std::int64_t estimate_tokens(const std::string& text) {
  return static_cast<std::int64_t>((text.size() + 3) / 4);
}

std::string message_text(const Message& message) {
  std::string text;
  for (const Json& part : message.content) {
    if (part.value("type", "") == "text") {
      if (!text.empty()) text += "\n";
      text += part["text"].value("value", "");
    }
  }
  return text;
}

void RunDriver::schedule(Thread& thread, Run& run, std::int64_t now_ms, RunScript script) {
  run.progress.next_due_ms = now_ms + m_pace.step_ms;
  run.progress.script_messages = std::move(script.messages);
  std::string prompt = run.instructions;
  thread.messages.for_each([&](const Message& message) { prompt += message_text(message); });
  run.progress.prompt_tokens = estimate_tokens(prompt);
  thread.active_run_id = run.id;
}

void RunDriver::advance(Thread& thread, std::int64_t now_ms) {
  if (!thread.active_run_id) return;
  Run* run = thread.runs.find(*thread.active_run_id);
  constexpr std::int64_t k_never = std::numeric_limits<std::int64_t>::max();
  while (run != nullptr && is_active(run->status)) {
    const std::int64_t expires_ms = run->expires_at ? *run->expires_at * 1000 : k_never;
    // A run waiting for tool outputs has nothing scheduled; only expiry can move it.
    const std::int64_t due_ms =
        run->status == RunStatus::requires_action ? k_never : run->progress.next_due_ms;
    if (expires_ms <= due_ms && expires_ms <= now_ms && run->status != RunStatus::cancelling) {
      move_run(*run, RunEvent::expire);
      finish(thread, *run, RunStatus::expired, expires_ms);
      break;
    }
    if (due_ms > now_ms) break;
    step(thread, *run, due_ms);
  }
}

void RunDriver::step(Thread& thread, Run& run, std::int64_t at_ms) {
  run.progress.next_due_ms = at_ms + m_pace.step_ms;
  switch (run.status) {
    case RunStatus::queued:
      move_run(run, RunEvent::start);
      if (!run.started_at) run.started_at = seconds(at_ms);
      return;
    case RunStatus::in_progress:
      if (run.progress.action_index < run.progress.script_messages.size()) {
        write_message(thread, run, at_ms);
      } else {
        move_run(run, RunEvent::complete);
        finish(thread, run, RunStatus::completed, at_ms);
      }
      return;
    case RunStatus::cancelling:
      move_run(run, RunEvent::finish_cancel);
      finish(thread, run, RunStatus::cancelled, at_ms);
      return;
    default:
      return;
  }
}

// A message takes two transitions: the step and an empty in_progress message appear,
// then the text is written and both complete (as the stream events show).
void RunDriver::write_message(Thread& thread, Run& run, std::int64_t at_ms) {
  RunProgress& progress = run.progress;
  const Timestamp at = seconds(at_ms);
  if (!progress.open_step_id) {
    Message message;
    message.id = m_ids.next("msg_");
    message.created_at = at;
    message.thread_id = thread.id;
    message.status = MessageStatus::in_progress;
    message.role = Role::assistant;
    message.assistant_id = run.assistant_id;
    message.run_id = run.id;
    RunStep step;
    step.id = m_ids.next("step_");
    step.created_at = at;
    step.run_id = run.id;
    step.assistant_id = run.assistant_id;
    step.thread_id = thread.id;
    step.type = StepType::message_creation;
    step.step_details = Json{{"type", "message_creation"},
                             {"message_creation", Json{{"message_id", message.id}}}};
    progress.open_message_id = message.id;
    progress.open_step_id = step.id;
    thread.messages.insert(std::move(message));
    run.steps.insert(std::move(step));
    return;
  }
  const std::string& text = progress.script_messages[progress.action_index];
  const std::int64_t completion = estimate_tokens(text);
  if (Message* message = thread.messages.find(*progress.open_message_id)) {
    message->content = Json::array({Json{
        {"type", "text"}, {"text", Json{{"value", text}, {"annotations", Json::array()}}}}});
    message->status = MessageStatus::completed;
    message->completed_at = at;
  }
  if (RunStep* step = run.steps.find(*progress.open_step_id)) {
    step->status = StepStatus::completed;
    step->completed_at = at;
    step->usage = usage_json(progress.prompt_tokens, completion);
  }
  progress.completion_tokens += completion;
  progress.open_message_id.reset();
  progress.open_step_id.reset();
  ++progress.action_index;
}

void RunDriver::close_open_work(Thread& thread, Run& run, RunStatus ending, std::int64_t at_ms) {
  const Timestamp at = seconds(at_ms);
  if (run.progress.open_step_id) {
    if (RunStep* step = run.steps.find(*run.progress.open_step_id)) {
      if (ending == RunStatus::expired) {
        step->status = StepStatus::expired;
        step->expired_at = at;
      } else if (ending == RunStatus::failed) {
        step->status = StepStatus::failed;
        step->failed_at = at;
      } else {
        step->status = StepStatus::cancelled;
        step->cancelled_at = at;
      }
    }
  }
  if (run.progress.open_message_id) {
    if (Message* message = thread.messages.find(*run.progress.open_message_id)) {
      const char* reason = ending == RunStatus::expired  ? "run_expired"
                           : ending == RunStatus::failed ? "run_failed"
                                                         : "run_cancelled";
      message->status = MessageStatus::incomplete;
      message->incomplete_at = at;
      message->incomplete_details = Json{{"reason", reason}};
    }
  }
  run.progress.open_step_id.reset();
  run.progress.open_message_id.reset();
}

void RunDriver::finish(Thread& thread, Run& run, RunStatus status, std::int64_t at_ms) {
  const Timestamp at = seconds(at_ms);
  close_open_work(thread, run, status, at_ms);
  switch (status) {
    case RunStatus::completed: run.completed_at = at; break;
    case RunStatus::cancelled: run.cancelled_at = at; break;
    case RunStatus::failed: run.failed_at = at; break;
    default: break;
  }
  // The completed-run examples show expires_at null once terminal; an expired run keeps
  // the deadline it missed.
  if (status != RunStatus::expired) run.expires_at.reset();
  run.required_action = nullptr;
  run.usage = usage_json(run.progress.prompt_tokens, run.progress.completion_tokens);
  if (thread.active_run_id == run.id) thread.active_run_id.reset();
}

void RunDriver::cancel(Thread& thread, Run& run, std::int64_t now_ms) {
  advance(thread, now_ms);
  if (!next_status(run.status, RunEvent::cancel)) {
    throw http::errors::invalid_request("Cannot cancel run with status '" +
                                        std::string(to_string(run.status)) + "'.");
  }
  move_run(run, RunEvent::cancel);
  run.progress.next_due_ms = now_ms + m_pace.step_ms;
}

}  // namespace mock::assistants
