#include "tests/model/reference_model.hpp"

#include <limits>

namespace tests::model {
namespace {
constexpr std::int64_t k_never = std::numeric_limits<std::int64_t>::max();
}  // namespace

std::string fill_template(const std::string& text, const ModelRun& run) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t open = text.find("{{", pos);
    const std::size_t close = open == std::string::npos ? open : text.find("}}", open + 2);
    if (close == std::string::npos) break;
    out += text.substr(pos, open - pos);
    const std::string name = text.substr(open + 2, close - open - 2);
    const std::string prefix = "tool_outputs.";
    if (name == "tool_output") {
      for (std::size_t i = run.latest_outputs_from; i < run.tool_outputs.size(); ++i) {
        out += (i > run.latest_outputs_from ? "\n" : "") + run.tool_outputs[i].second;
      }
    } else if (name.starts_with(prefix)) {
      std::string latest;
      for (const auto& [function, output] : run.tool_outputs) {
        if (function == name.substr(prefix.size())) latest = output;
      }
      out += latest;
    } else {
      out += "{{" + name + "}}";
    }
    pos = close + 2;
  }
  return out + text.substr(pos);
}

std::size_t Model::live_assistants() const {
  std::size_t n = 0;
  for (const ModelAssistant& a : assistants) n += a.deleted ? 0 : 1;
  return n;
}

std::size_t Model::live_threads() const {
  std::size_t n = 0;
  for (const ModelThread& t : threads) n += t.deleted ? 0 : 1;
  return n;
}

void Model::add_user_message(ModelThread& thread, const std::string& text) {
  ModelMessage message;
  message.text = text;
  thread.messages.push_back(std::move(message));
}

void Model::advance_all() {
  for (ModelThread& thread : threads) {
    if (!thread.deleted) advance(thread);
  }
}

void Model::advance(ModelThread& thread) {
  while (thread.active_run) {
    ModelRun& run = thread.runs[*thread.active_run];
    const std::int64_t due = run.status == RunStatus::requires_action ? k_never : run.next_due_ms;
    // Expiry wins a tie with a scheduled step; a cancelling run no longer expires.
    if (run.expires_ms <= due && run.expires_ms <= now_ms && run.status != RunStatus::cancelling) {
      run.status = RunStatus::expired;
      finish(thread, run, RunStatus::expired);
      return;
    }
    if (due > now_ms) return;
    step(thread, run, due);
  }
}

void Model::step(ModelThread& thread, ModelRun& run, std::int64_t at_ms) {
  run.next_due_ms = at_ms + k_step_ms;
  switch (run.status) {
    case RunStatus::queued: run.status = RunStatus::in_progress; break;
    case RunStatus::in_progress:
      if (run.action_index < run.actions.size()) {
        perform(thread, run);
      } else {
        run.status = RunStatus::completed;
        finish(thread, run, RunStatus::completed);
      }
      break;
    case RunStatus::cancelling:
      run.status = RunStatus::cancelled;
      finish(thread, run, RunStatus::cancelled);
      return;
    default: return;
  }
  // A scripted delay holds the start of the next action.
  if (run.status == RunStatus::in_progress && !run.action_open &&
      run.action_index < run.actions.size()) {
    run.next_due_ms += run.actions[run.action_index].delay_ms;
  }
}

void Model::end_action(ModelRun& run) {
  run.action_open = false;
  ++run.action_index;
}

void Model::perform(ModelThread& thread, ModelRun& run) {
  const Action& action = run.actions[run.action_index];
  const std::size_t run_index = static_cast<std::size_t>(&run - thread.runs.data());
  switch (action.kind) {
    case ActionKind::message:
      if (!run.action_open) {  // one step opens the message, the next one writes it
        ModelMessage message;
        message.user = false;
        message.run = run_index;
        message.status = MessageStatus::in_progress;
        thread.messages.push_back(message);
        run.open_message = thread.messages.size() - 1;
        run.steps.push_back(
            {StepType::message_creation, StepStatus::in_progress, thread.messages.size() - 1});
        run.open_step = run.steps.size() - 1;
        run.action_open = true;
        return;
      }
      if (run.open_message && !thread.messages[*run.open_message].deleted) {
        ModelMessage& message = thread.messages[*run.open_message];
        message.status = MessageStatus::completed;
        message.text = fill_template(action.text, run);
      }
      if (run.open_step) run.steps[*run.open_step].status = StepStatus::completed;
      run.open_message.reset();
      run.open_step.reset();
      end_action(run);
      return;
    case ActionKind::function_call:
      run.steps.push_back({StepType::tool_calls, StepStatus::in_progress, std::nullopt});
      run.open_step = run.steps.size() - 1;
      run.action_open = true;
      run.pending_calls = action.calls;
      run.status = RunStatus::requires_action;
      return;
    case ActionKind::fail:
      end_action(run);
      run.status = RunStatus::failed;
      finish(thread, run, RunStatus::failed);
      return;
  }
}

void Model::finish(ModelThread& thread, ModelRun& run, RunStatus ending) {
  if (run.open_step) {
    run.steps[*run.open_step].status = ending == RunStatus::expired  ? StepStatus::expired
                                       : ending == RunStatus::failed ? StepStatus::failed
                                                                     : StepStatus::cancelled;
  }
  if (run.open_message && !thread.messages[*run.open_message].deleted) {
    thread.messages[*run.open_message].status = MessageStatus::incomplete;
  }
  run.open_step.reset();
  run.open_message.reset();
  run.action_open = false;
  run.pending_calls.clear();
  thread.active_run.reset();
}

void Model::start_run(std::size_t thread_index, std::size_t assistant, bool parallel_tool_calls) {
  ModelThread& thread = threads[thread_index];
  std::string latest_user_text;
  for (const ModelMessage& message : thread.messages) {
    if (!message.deleted && message.user) latest_user_text = message.text;
  }
  ModelRun run;
  run.assistant = assistant;
  run.model = assistants[assistant].model;
  run.actions = plan_actions(latest_user_text, run.model, flaky_uses);
  if (!parallel_tool_calls) run.actions = split_parallel_calls(std::move(run.actions));
  run.next_due_ms = now_ms + k_step_ms;
  run.expires_ms = (now_ms / 1000 + k_run_lifetime_s) * 1000;  // created_at is in seconds
  thread.runs.push_back(std::move(run));
  thread.active_run = thread.runs.size() - 1;
}

void Model::cancel(ModelRun& run) {
  run.status = RunStatus::cancelling;
  run.next_due_ms = now_ms + k_step_ms;
}

void Model::accept_outputs(ModelRun& run, const std::vector<std::string>& outputs) {
  run.latest_outputs_from = run.tool_outputs.size();
  for (std::size_t i = 0; i < run.pending_calls.size(); ++i) {
    run.tool_outputs.emplace_back(run.pending_calls[i], outputs[i]);
  }
  if (run.open_step) run.steps[*run.open_step].status = StepStatus::completed;
  run.open_step.reset();
  end_action(run);
  std::vector<Action> replacement = actions_after_outputs(outputs);
  if (!replacement.empty()) {
    run.actions.resize(run.action_index);
    run.actions.insert(run.actions.end(), replacement.begin(), replacement.end());
  }
  run.pending_calls.clear();
  run.status = RunStatus::queued;
  run.next_due_ms = now_ms + k_step_ms;
}

}  // namespace tests::model
