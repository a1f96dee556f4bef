#include "mock/assistants/lifecycle/run_driver.hpp"

#include <limits>
#include <set>
#include <utility>

#include "http/api_error.hpp"
#include "mock/assistants/lifecycle/run_transitions.hpp"
#include "mock/assistants/lifecycle/run_work.hpp"
#include "mock/assistants/lifecycle/stream_events.hpp"
#include "mock/assistants/model/message_content.hpp"

namespace mock::assistants {
namespace {
constexpr std::int64_t k_never = std::numeric_limits<std::int64_t>::max();

Timestamp seconds(std::int64_t ms) { return ms / 1000; }

void move_run(Run& run, RunEvent event) {
  const auto next = next_status(run.status, event);
  if (!next) {
    // The driver only fires events its own checks allow; reaching here is a bug.
    throw http::errors::internal("illegal run transition " + std::string(to_string(run.status)) +
                                 " --" + std::string(to_string(event)) + "-->");
  }
  run.status = *next;
}

// Completes the run's open step and tells a stream.
void complete_open_step(Run& run, Timestamp at, Json usage) {
  RunStep* step = work::current_step(run);
  work::complete_step(run, at, std::move(usage));
  if (step != nullptr) events::step_event(run, *step, "completed");
}

std::string quoted_list(const std::vector<std::string>& ids) {
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? ", '" : "'") + ids[i] + "'";
  return out + "]";
}
}  // namespace

std::int64_t estimate_tokens(const std::string& text) {
  return static_cast<std::int64_t>((text.size() + 3) / 4);
}

std::string message_text(const Message& message) { return joined_text(message.content); }

std::string fill_template(const std::string& text, const RunProgress& progress) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t open = text.find("{{", pos);
    const std::size_t close = open == std::string::npos ? open : text.find("}}", open + 2);
    if (close == std::string::npos) break;
    out += text.substr(pos, open - pos);
    const std::string name = text.substr(open + 2, close - open - 2);
    if (name == "tool_output") {
      // The latest submission (several outputs: one a line).
      for (std::size_t i = progress.latest_outputs_from; i < progress.tool_outputs.size(); ++i) {
        out += (i > progress.latest_outputs_from ? "\n" : "") + progress.tool_outputs[i].second;
      }
    } else if (name.starts_with("tool_outputs.")) {
      // The latest output of that function, from any round.
      const std::string* latest = nullptr;
      for (const auto& [function, output] : progress.tool_outputs) {
        if (function == name.substr(13)) latest = &output;
      }
      if (latest != nullptr) out += *latest;
    } else if (name == "user_message") {
      out += progress.user_message;
    } else {
      out += "{{" + name + "}}";  // unknown placeholders stay visible
    }
    pos = close + 2;
  }
  return out + text.substr(pos);
}

void RunDriver::schedule(Thread& thread, Run& run, std::int64_t now_ms,
                         scenario::RunScript script) {
  RunProgress& progress = run.progress;
  progress.actions = std::move(script);
  progress.next_due_ms = now_ms + m_pace.step_ms;
  std::string prompt = run.instructions;
  std::as_const(thread.messages).for_each([&](const Message& message) {
    prompt += message_text(message);
    if (message.role == Role::user) progress.user_message = message_text(message);
  });
  progress.prompt_tokens = estimate_tokens(prompt);
  thread.active_run_id = run.id;
}

void RunDriver::advance(Thread& thread, std::int64_t now_ms) {
  if (!thread.active_run_id) return;
  Run* run = thread.runs.find(*thread.active_run_id);
  while (run != nullptr && is_active(run->status)) {
    const std::int64_t expires_ms = run->expires_at ? *run->expires_at * 1000 : k_never;
    // A run waiting for tool outputs has nothing scheduled; only expiry can move it.
    const std::int64_t due_ms =
        run->status == RunStatus::requires_action ? k_never : run->progress.next_due_ms;
    if (expires_ms <= due_ms && expires_ms <= now_ms && run->status != RunStatus::cancelling) {
      move_run(*run, RunEvent::expire);
      finish(thread, *run, expires_ms);
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
      events::run_event(run, "in_progress");
      if (run.max_prompt_tokens.is_number() &&
          run.progress.prompt_tokens > run.max_prompt_tokens.get<std::int64_t>()) {
        move_run(run, RunEvent::hit_token_limit);
        run.incomplete_details = Json{{"reason", "max_prompt_tokens"}};
        finish(thread, run, at_ms);
        return;
      }
      break;
    case RunStatus::in_progress:
      if (run.progress.action_index < run.progress.actions.size()) {
        perform_action(thread, run, at_ms);
      } else {
        move_run(run, RunEvent::complete);
        finish(thread, run, at_ms);
      }
      break;
    case RunStatus::cancelling:
      move_run(run, RunEvent::finish_cancel);
      finish(thread, run, at_ms);
      return;
    default:
      return;
  }
  // A scripted delay holds the start of the next action.
  const RunProgress& progress = run.progress;
  if (run.status == RunStatus::in_progress && !progress.action_open &&
      progress.action_index < progress.actions.size()) {
    run.progress.next_due_ms += progress.actions[progress.action_index].delay_ms;
  }
}

void RunDriver::end_action(Run& run) {
  run.progress.action_open = false;
  ++run.progress.action_index;
}

void RunDriver::perform_action(Thread& thread, Run& run, std::int64_t at_ms) {
  RunProgress& progress = run.progress;
  const scenario::ScriptAction& action = progress.actions[progress.action_index];
  const Timestamp at = seconds(at_ms);
  switch (action.kind) {
    case scenario::ActionKind::message: {
      if (!progress.action_open) {
        const Message& message = work::open_message(thread, run, at, m_ids);
        const RunStep& step = work::open_step(
            run, StepType::message_creation,
            Json{{"type", "message_creation"}, {"message_creation", Json{{"message_id", message.id}}}},
            at, m_ids);
        events::step_event(run, step, "created");
        events::step_event(run, step, "in_progress");
        events::message_event(run, message, "created");
        events::message_event(run, message, "in_progress");
        progress.action_open = true;
        return;
      }
      std::string text = fill_template(action.text, progress);
      std::int64_t tokens = estimate_tokens(text);
      bool cut_short = false;
      if (run.max_completion_tokens.is_number()) {
        const std::int64_t budget =
            run.max_completion_tokens.get<std::int64_t>() - progress.completion_tokens;
        if (tokens > budget) {
          text = text.substr(0, static_cast<std::size_t>(std::max<std::int64_t>(budget, 0) * 4));
          tokens = estimate_tokens(text);
          cut_short = true;
        }
      }
      progress.completion_tokens += tokens;
      if (Message* message = work::current_message(thread, run)) {
        events::text_deltas(run, *message, text, action.annotations);
        message->content.clear();
        message->content.push_back(text_part(text, action.annotations));
        if (cut_short) {
          work::move_message(*message, MessageEvent::cut_off);
          message->incomplete_at = at;
          message->incomplete_details = Json{{"reason", "max_tokens"}};
          events::message_event(run, *message, "incomplete");
        } else {
          work::move_message(*message, MessageEvent::complete);
          message->completed_at = at;
          events::message_event(run, *message, "completed");
        }
      }
      progress.open_message_id.reset();
      complete_open_step(run, at, work::usage_json(progress.prompt_tokens, tokens));
      end_action(run);
      if (cut_short) {
        move_run(run, RunEvent::hit_token_limit);
        run.incomplete_details = Json{{"reason", "max_completion_tokens"}};
        finish(thread, run, at_ms);
      }
      return;
    }
    case scenario::ActionKind::code_interpreter:
    case scenario::ActionKind::file_search: {
      const bool code = action.kind == scenario::ActionKind::code_interpreter;
      const std::string type = code ? "code_interpreter" : "file_search";
      if (!progress.action_open) {
        Json details = code ? Json{{"input", action.input}, {"outputs", Json::array()}}
                            : Json{{"ranking_options", Json{{"ranker", "default_2024_08_21"},
                                                            {"score_threshold", 0.0}}},
                                   {"results", Json::array()}};
        Json call = Json{{"id", m_ids.next("call_")}, {"type", type}, {type, details}};
        const RunStep& step = work::open_step(
            run, StepType::tool_calls,
            Json{{"type", "tool_calls"}, {"tool_calls", Json::array({call})}}, at, m_ids);
        events::tool_step_opened(run, step);
        events::tool_call_deltas(run, step);
        progress.action_open = true;
        return;
      }
      if (RunStep* step = work::current_step(run)) {
        Json& call = step->step_details["tool_calls"][0][type];
        if (code) {
          call["outputs"] = action.outputs;
        } else {
          call["results"] = action.results;
        }
        events::code_outputs_delta(run, *step);
      }
      const std::int64_t tokens = estimate_tokens(action.input);
      progress.completion_tokens += tokens;
      complete_open_step(run, at, work::usage_json(progress.prompt_tokens, tokens));
      end_action(run);
      return;
    }
    case scenario::ActionKind::function_call: {
      Json step_calls = Json::array();
      Json required_calls = Json::array();
      for (const scenario::FunctionCallSpec& spec : action.calls) {
        const std::string id = m_ids.next("call_");
        step_calls.push_back(Json{{"id", id}, {"type", "function"},
                                  {"function", Json{{"name", spec.name},
                                                    {"arguments", spec.arguments},
                                                    {"output", nullptr}}}});
        required_calls.push_back(Json{{"id", id}, {"type", "function"},
                                      {"function", Json{{"name", spec.name},
                                                        {"arguments", spec.arguments}}}});
        progress.completion_tokens += estimate_tokens(spec.arguments);
      }
      const RunStep& step = work::open_step(
          run, StepType::tool_calls, Json{{"type", "tool_calls"}, {"tool_calls", step_calls}}, at,
          m_ids);
      events::tool_step_opened(run, step);
      events::tool_call_deltas(run, step);
      progress.action_open = true;
      move_run(run, RunEvent::require_action);
      run.required_action = Json{{"type", "submit_tool_outputs"},
                                 {"submit_tool_outputs", Json{{"tool_calls", required_calls}}}};
      events::run_event(run, "requires_action");
      return;
    }
    case scenario::ActionKind::fail:
      end_action(run);
      move_run(run, RunEvent::fail);
      run.last_error = Json{{"code", action.code}, {"message", action.message}};
      finish(thread, run, at_ms);
      return;
    case scenario::ActionKind::incomplete:
      end_action(run);
      move_run(run, RunEvent::hit_token_limit);
      run.incomplete_details = Json{{"reason", action.reason}};
      finish(thread, run, at_ms);
      return;
    case scenario::ActionKind::expire:
      end_action(run);
      move_run(run, RunEvent::expire);
      finish(thread, run, at_ms);
      return;
  }
}

void RunDriver::finish(Thread& thread, Run& run, std::int64_t at_ms) {
  const RunStatus status = run.status;  // the transition table set it; finish only follows
  const Timestamp at = seconds(at_ms);
  run.progress.ended_at = at;
  work::close_open_work(thread, run, status, at);
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
  run.usage = work::usage_json(run.progress.prompt_tokens, run.progress.completion_tokens);
  if (thread.active_run_id == run.id) thread.active_run_id.reset();
  events::run_event(run, std::string(to_string(status)).c_str());
}

void RunDriver::cancel(Thread& thread, Run& run, std::int64_t now_ms) {
  advance(thread, now_ms);
  if (!next_status(run.status, RunEvent::cancel)) {
    throw http::errors::invalid_request("Cannot cancel run with status '" +
                                        std::string(to_string(run.status)) + "'.");
  }
  move_run(run, RunEvent::cancel);
  run.progress.next_due_ms = now_ms + m_pace.step_ms;
  events::run_event(run, "cancelling");
}

void RunDriver::check_tool_outputs(const Run& run, const Json& tool_outputs) {
  if (run.status != RunStatus::requires_action) {
    throw http::errors::invalid_request("Runs in status \"" + std::string(to_string(run.status)) +
                                        "\" do not accept tool outputs.");
  }
  std::vector<std::string> expected;
  for (const Json& call : run.required_action["submit_tool_outputs"]["tool_calls"]) {
    expected.push_back(call["id"].get<std::string>());
  }
  std::vector<std::string> got;
  for (const Json& output : tool_outputs) got.push_back(output["tool_call_id"].get<std::string>());
  const std::set<std::string> expected_set(expected.begin(), expected.end());
  const std::set<std::string> got_set(got.begin(), got.end());
  // Every output must come in one request, one per call id (FACTS.md §2.2, §7).
  if (expected_set != got_set || got.size() != got_set.size()) {
    throw http::errors::invalid_request("Expected tool outputs for call_ids " +
                                        quoted_list(expected) + ", got " + quoted_list(got));
  }
}

void RunDriver::accept_tool_outputs(Thread& thread, Run& run, const Json& tool_outputs,
                                    std::int64_t now_ms,
                                    std::optional<scenario::RunScript> replacement) {
  check_tool_outputs(run, tool_outputs);
  RunProgress& progress = run.progress;
  progress.latest_outputs_from = progress.tool_outputs.size();
  if (RunStep* step = work::current_step(run)) {
    for (Json& call : step->step_details["tool_calls"]) {
      for (const Json& output : tool_outputs) {
        if (output["tool_call_id"] == call["id"]) {
          call["function"]["output"] = output["output"];
          progress.tool_outputs.emplace_back(call["function"]["name"].get<std::string>(),
                                             output["output"].get<std::string>());
        }
      }
    }
  }
  const Timestamp at = seconds(now_ms);
  complete_open_step(run, at, work::usage_json(progress.prompt_tokens, 0));
  end_action(run);
  if (replacement) {
    scenario::RunScript remaining(progress.actions.begin(),
                        progress.actions.begin() + static_cast<std::ptrdiff_t>(progress.action_index));
    remaining.insert(remaining.end(), replacement->begin(), replacement->end());
    progress.actions = std::move(remaining);
  }
  move_run(run, RunEvent::submit_tool_outputs);
  run.required_action = nullptr;
  progress.next_due_ms = now_ms + m_pace.step_ms;
  events::run_event(run, "queued");
  (void)thread;
}

}  // namespace mock::assistants
