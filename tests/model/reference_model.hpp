#pragma once
// The reference model: what the Assistants API should hold after a sequence of requests,
// written from the README (lists, run lifecycle, scenarios) rather than from the server's
// code. Objects are named by handles (indices in creation order, deleted ones kept as
// tombstones) because the server picks the ids; the test binds handles to ids as it sees
// them. Time is relative to the sequence's start, a whole second of the manual clock.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mock/assistants/model/status.hpp"
#include "tests/model/model_scenario.hpp"

namespace tests::model {

using mock::assistants::MessageStatus;
using mock::assistants::RunStatus;
using mock::assistants::StepStatus;
using mock::assistants::StepType;

constexpr std::int64_t k_step_ms = 1000;        // the server's run_step_ms in these tests
constexpr std::int64_t k_run_lifetime_s = 600;  // expires_at = created_at + 600

struct ModelAssistant {
  bool deleted = false;
  std::string model = "gpt-4o";
  std::string name;
};

struct ModelMessage {
  bool deleted = false;
  bool user = true;
  std::optional<std::size_t> run;  // the run that wrote it (assistant messages)
  MessageStatus status = MessageStatus::completed;
  std::string text;  // "" while a run is still writing it
};

struct ModelStep {
  StepType type = StepType::message_creation;
  StepStatus status = StepStatus::in_progress;
  std::optional<std::size_t> message;  // message_creation: the message it writes
};

struct ModelRun {
  std::size_t assistant = 0;
  std::string model;
  RunStatus status = RunStatus::queued;
  std::vector<Action> actions;
  std::size_t action_index = 0;
  bool action_open = false;
  std::int64_t next_due_ms = 0;
  std::int64_t expires_ms = 0;
  std::vector<ModelStep> steps;
  std::optional<std::size_t> open_step;
  std::optional<std::size_t> open_message;  // index into the thread's messages
  std::vector<std::string> pending_calls;   // function names while requires_action
  std::vector<std::pair<std::string, std::string>> tool_outputs;  // (function, output)
  std::size_t latest_outputs_from = 0;
};

struct ModelThread {
  bool deleted = false;
  std::vector<ModelMessage> messages;
  std::vector<ModelRun> runs;
  std::optional<std::size_t> active_run;
};

struct Model {
  std::int64_t now_ms = 0;
  std::vector<ModelAssistant> assistants;
  std::vector<ModelThread> threads;
  int flaky_uses = 0;

  // Applies every run transition due by now_ms, on every live thread (the server applies
  // them lazily, stamped with the time they fell due, so when is irrelevant).
  void advance_all();
  void advance(ModelThread& thread);

  // Creates a queued run on the thread; the caller checked the thread may take one.
  void start_run(std::size_t thread, std::size_t assistant, bool parallel_tool_calls);
  // POST .../cancel on an active run.
  void cancel(ModelRun& run);
  // Every pending call answered, in call order.
  void accept_outputs(ModelRun& run, const std::vector<std::string>& outputs);

  void add_user_message(ModelThread& thread, const std::string& text);

  std::size_t live_assistants() const;
  std::size_t live_threads() const;

private:
  void step(ModelThread& thread, ModelRun& run, std::int64_t at_ms);
  void perform(ModelThread& thread, ModelRun& run);
  void finish(ModelThread& thread, ModelRun& run, RunStatus ending);
  void end_action(ModelRun& run);
};

// {{tool_output}} (the latest submission, one output a line) and {{tool_outputs.NAME}}
// (the latest output of that function) filled in.
std::string fill_template(const std::string& text, const ModelRun& run);

}  // namespace tests::model
