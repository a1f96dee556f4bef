// Runs: create (on a thread, or with a new thread), cancel, submit tool outputs, and the
// manual clock that moves them.
#include <ostream>

#include <rapidcheck.h>

#include "tests/model/command_support.hpp"
#include "tests/model/commands.hpp"

namespace tests::model {
namespace {
using mock::Json;

bool one_in(int n) { return *rc::gen::inRange(0, n) == 0; }

std::vector<std::size_t> threads_with_runs(const Model& model) {
  std::vector<std::size_t> out;
  for (std::size_t t = 0; t < model.threads.size(); ++t) {
    if (!model.threads[t].runs.empty()) out.push_back(t);
  }
  return out;
}

// Threads whose active run is in `status` (any active status when nullopt).
std::vector<std::size_t> threads_with_active_run(const Model& model,
                                                 std::optional<RunStatus> status = std::nullopt) {
  std::vector<std::size_t> out;
  for (std::size_t t = 0; t < model.threads.size(); ++t) {
    const ModelThread& thread = model.threads[t];
    if (thread.deleted || !thread.active_run) continue;
    if (!status || thread.runs[*thread.active_run].status == *status) out.push_back(t);
  }
  return out;
}

// A thread that has runs (preferring `preferred`) and one of its runs (preferring the
// active one).
std::pair<std::size_t, std::size_t> pick_run(const Model& model,
                                             const std::vector<std::size_t>& preferred) {
  const std::vector<std::size_t> with_runs = threads_with_runs(model);
  RC_PRE(!with_runs.empty());
  std::size_t thread = with_runs[pick({}, with_runs.size())];
  if (!preferred.empty() && !one_in(5)) thread = preferred[pick({}, preferred.size())];
  const ModelThread& chosen = model.threads[thread];
  const std::size_t run = chosen.active_run && !one_in(4)
                              ? *chosen.active_run
                              : *rc::gen::inRange<std::size_t>(0, chosen.runs.size());
  return {thread, run};
}

std::string output_for(const std::string& function, std::size_t i, bool report_error) {
  return i == 0 && report_error ? "ERROR: " + function + " is down" : function + " ok";
}

void expect_run(const Json& run, const std::string& thread_id, const std::string& assistant_id,
                const std::string& status, const std::string& what) {
  require(run.value("object", "") == "thread.run" && run.value("thread_id", "") == thread_id &&
              run.value("assistant_id", "") == assistant_id && run.value("status", "") == status,
          what + " answered " + run.dump());
}
}  // namespace

// ---- create

CreateRun::CreateRun(const Model& model) {
  RC_PRE(!model.threads.empty());
  RC_PRE(!model.assistants.empty());
  std::vector<std::size_t> idle;
  for (std::size_t t : live_threads(model)) {
    if (!model.threads[t].active_run) idle.push_back(t);
  }
  thread = pick(idle, model.threads.size());
  assistant = pick(live_assistants(model), model.assistants.size());
  parallel_tool_calls = !one_in(3);
  if (one_in(4)) additional_text = *rc::gen::elementOf(user_texts());
}

void CreateRun::checkPreconditions(const Model& model) const {
  RC_PRE(has_thread(model, thread));
  RC_PRE(assistant < model.assistants.size());
}

void CreateRun::apply(Model& model) const {
  model.advance_all();
  ModelThread& target = model.threads[thread];
  if (target.deleted || target.active_run || model.assistants[assistant].deleted) return;
  if (additional_text) model.add_user_message(target, *additional_text);
  model.start_run(thread, assistant, parallel_tool_calls);
}

void CreateRun::execute(const Model& now, ServerUnderTest& sut) const {
  const ModelThread& target = now.threads[thread];
  const ThreadIds& ids = sut.thread(thread);
  const std::string assistant_id = sut.assistant_id(assistant);
  Json body{{"assistant_id", assistant_id}, {"parallel_tool_calls", parallel_tool_calls}};
  if (additional_text) {
    body["additional_messages"] =
        Json::array({Json{{"role", "user"}, {"content", *additional_text}}});
  }
  const auto result = sut.post("/v1/threads/" + ids.id + "/runs", body);
  if (target.deleted) {
    expect_error(result, 404, not_found("thread", ids.id), "run on deleted thread");
  } else if (target.active_run) {
    expect_error(result, 400, active_run_blocks_run(ids.id, sut.run(thread, *target.active_run).id),
                 "second active run");
  } else if (now.assistants[assistant].deleted) {
    expect_error(result, 404, not_found("assistant", assistant_id), "run of deleted assistant");
  } else {
    const Json run = expect_ok(result, "create run");
    expect_run(run, ids.id, assistant_id, "queued", "create run");
    sut.run(thread, target.runs.size()).id = run.value("id", "");
  }
}

void CreateRun::show(std::ostream& os) const {
  os << "CreateRun(thread #" << thread << ", assistant #" << assistant
     << (parallel_tool_calls ? "" : ", parallel_tool_calls false");
  if (additional_text) os << ", additional \"" << *additional_text << "\"";
  os << ")";
}

CreateThreadAndRun::CreateThreadAndRun(const Model& model) {
  RC_PRE(!model.assistants.empty());
  assistant = pick(live_assistants(model), model.assistants.size());
  if (!one_in(4)) text = *rc::gen::elementOf(user_texts());
  parallel_tool_calls = !one_in(3);
}

void CreateThreadAndRun::checkPreconditions(const Model& model) const {
  RC_PRE(assistant < model.assistants.size());
}

void CreateThreadAndRun::apply(Model& model) const {
  model.advance_all();
  if (model.assistants[assistant].deleted) return;  // nothing is created
  ModelThread thread;
  if (text) model.add_user_message(thread, *text);
  model.threads.push_back(std::move(thread));
  model.start_run(model.threads.size() - 1, assistant, parallel_tool_calls);
}

void CreateThreadAndRun::execute(const Model& now, ServerUnderTest& sut) const {
  const std::string assistant_id = sut.assistant_id(assistant);
  Json messages = Json::array();
  if (text) messages.push_back(Json{{"role", "user"}, {"content", *text}});
  const auto result =
      sut.post("/v1/threads/runs", Json{{"assistant_id", assistant_id},
                                        {"thread", Json{{"messages", messages}}},
                                        {"parallel_tool_calls", parallel_tool_calls}});
  if (now.assistants[assistant].deleted) {
    expect_error(result, 404, not_found("assistant", assistant_id),
                 "thread and run, deleted assistant");
    return;
  }
  const Json run = expect_ok(result, "create thread and run");
  const std::size_t thread = now.threads.size();
  sut.thread(thread).id = run.value("thread_id", "");
  expect_run(run, sut.thread(thread).id, assistant_id, "queued", "create thread and run");
  sut.run(thread, 0).id = run.value("id", "");
}

void CreateThreadAndRun::show(std::ostream& os) const {
  os << "CreateThreadAndRun(assistant #" << assistant << ", "
     << (text ? "\"" + *text + "\"" : std::string("no message"))
     << (parallel_tool_calls ? "" : ", parallel_tool_calls false") << ")";
}

// ---- cancel

CancelRun::CancelRun(const Model& model) {
  const auto [t, r] = pick_run(model, threads_with_active_run(model));
  thread = t;
  run_index = r;
}

void CancelRun::checkPreconditions(const Model& model) const {
  RC_PRE(has_run(model, thread, run_index));
}

void CancelRun::apply(Model& model) const {
  model.advance_all();
  ModelRun& run = model.threads[thread].runs[run_index];
  if (!model.threads[thread].deleted && mock::assistants::is_active(run.status) &&
      run.status != RunStatus::cancelling) {
    model.cancel(run);
  }
}

void CancelRun::execute(const Model& now, ServerUnderTest& sut) const {
  const ThreadIds& ids = sut.thread(thread);
  const std::string run_id = sut.run(thread, run_index).id;
  const auto result =
      sut.post("/v1/threads/" + ids.id + "/runs/" + run_id + "/cancel", Json::object());
  const RunStatus status = now.threads[thread].runs[run_index].status;
  if (now.threads[thread].deleted) {
    expect_error(result, 404, not_found("thread", ids.id), "cancel on deleted thread");
  } else if (!mock::assistants::is_active(status) || status == RunStatus::cancelling) {
    expect_error(result, 400, cannot_cancel(status),
                 "cancel a " + std::string(to_string(status)) + " run");
  } else {
    const Json run = expect_ok(result, "cancel");
    require(run.value("id", "") == run_id && run.value("status", "") == "cancelling",
            "cancel answered " + run.dump());
  }
}

void CancelRun::show(std::ostream& os) const {
  os << "CancelRun(thread #" << thread << ", run #" << run_index << ")";
}

// ---- tool outputs

SubmitToolOutputs::SubmitToolOutputs(const Model& model) {
  const auto [t, r] = pick_run(model, threads_with_active_run(model, RunStatus::requires_action));
  thread = t;
  run_index = r;
  outputs = *rc::gen::weightedElement<Outputs>(
      {{8, Outputs::every_call}, {1, Outputs::last_missing}, {1, Outputs::first_twice}});
  report_error = one_in(3);
}

void SubmitToolOutputs::checkPreconditions(const Model& model) const {
  RC_PRE(has_run(model, thread, run_index));
}

void SubmitToolOutputs::apply(Model& model) const {
  model.advance_all();
  ModelRun& run = model.threads[thread].runs[run_index];
  if (model.threads[thread].deleted || run.status != RunStatus::requires_action ||
      outputs != Outputs::every_call) {
    return;  // refused: nothing changes
  }
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < run.pending_calls.size(); ++i) {
    texts.push_back(output_for(run.pending_calls[i], i, report_error));
  }
  model.accept_outputs(run, texts);
}

void SubmitToolOutputs::execute(const Model& now, ServerUnderTest& sut) const {
  const ThreadIds& ids = sut.thread(thread);
  const std::string run_id = sut.run(thread, run_index).id;
  const std::string path = "/v1/threads/" + ids.id + "/runs/" + run_id;
  const ModelRun& model_run = now.threads[thread].runs[run_index];
  if (now.threads[thread].deleted || model_run.status != RunStatus::requires_action) {
    const auto result = sut.post(
        path + "/submit_tool_outputs",
        Json{{"tool_outputs", Json::array({Json{{"tool_call_id", "call_x"}, {"output", "x"}}})}});
    if (now.threads[thread].deleted) {
      expect_error(result, 404, not_found("thread", ids.id), "outputs on deleted thread");
    } else {
      expect_error(result, 400, outputs_not_wanted(model_run.status), "outputs nobody asked for");
    }
    return;
  }
  // The call ids are the server's; the model knows which functions were called.
  const Json run = expect_ok(sut.get(path), "retrieve run");
  std::vector<std::string> call_ids;
  Json tool_outputs = Json::array();
  const Json calls = run.value("required_action", Json::object())
                         .value("submit_tool_outputs", Json::object())
                         .value("tool_calls", Json::array());
  require(calls.size() == model_run.pending_calls.size(), "required_action " + run.dump());
  for (std::size_t i = 0; i < calls.size(); ++i) {
    call_ids.push_back(calls[i].value("id", ""));
    tool_outputs.push_back(
        Json{{"tool_call_id", call_ids.back()},
             {"output", output_for(model_run.pending_calls[i], i, report_error)}});
  }
  std::vector<std::string> sent = call_ids;
  if (outputs == Outputs::last_missing) {
    tool_outputs.erase(tool_outputs.end() - 1);
    sent.pop_back();
  } else if (outputs == Outputs::first_twice) {
    tool_outputs.push_back(tool_outputs[0]);
    sent.push_back(sent[0]);
  }
  const auto result = sut.post(path + "/submit_tool_outputs", Json{{"tool_outputs", tool_outputs}});
  if (outputs != Outputs::every_call) {
    expect_error(result, 400, outputs_mismatch(call_ids, sent), "incomplete tool outputs");
    return;
  }
  const Json answer = expect_ok(result, "submit tool outputs");
  require(answer.value("status", "") == "queued" &&
              answer.value("required_action", Json("missing")).is_null(),
          "submit tool outputs answered " + answer.dump());
}

void SubmitToolOutputs::show(std::ostream& os) const {
  const char* how[] = {"every call", "last missing", "first twice"};
  os << "SubmitToolOutputs(thread #" << thread << ", run #" << run_index << ", "
     << how[static_cast<std::size_t>(outputs)] << (report_error ? ", ERROR" : "") << ")";
}

// ---- time

AdvanceClock::AdvanceClock(const Model&)
    : ms(*rc::gen::weightedOneOf<std::int64_t>({
          {2, rc::gen::inRange<std::int64_t>(1, 1000)},           // within one run step
          {4, rc::gen::just(std::int64_t{k_step_ms})},            // exactly one step
          {3, rc::gen::map(rc::gen::inRange<std::int64_t>(2, 6),  // several steps
                           [](std::int64_t steps) { return steps * k_step_ms; })},
          {1, rc::gen::just(std::int64_t{k_run_lifetime_s * 1000})},  // past expires_at
      })) {}

void AdvanceClock::apply(Model& model) const {
  model.advance_all();
  model.now_ms += ms;
  model.advance_all();
}

void AdvanceClock::execute(const Model&, ServerUnderTest& sut) const { sut.advance_clock(ms); }

void AdvanceClock::show(std::ostream& os) const { os << "AdvanceClock(" << ms << " ms)"; }

}  // namespace tests::model
