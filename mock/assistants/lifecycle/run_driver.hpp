#pragma once
// Moves runs through their lifecycle as time passes. Runs advance lazily: whenever a
// request touches a thread, every transition that fell due since is applied, stamped
// with the time it was due, under the thread's lock. No background thread, so the same
// requests at the same clock readings always give the same bytes, and a poll never sees
// half a transition. Status changes go through the table in run_transitions.
#include <cstdint>
#include <string>
#include <vector>

#include "mock/assistants/model/objects.hpp"
#include "mock/core/id_generator.hpp"
#include "mock/scenario/script.hpp"

namespace mock::assistants {

struct RunPace {
  std::int64_t step_ms = 10;  // time between two transitions of a run
};

class RunDriver {
public:
  RunDriver(core::IdGenerator& ids, RunPace pace) : m_ids(ids), m_pace(pace) {}

  // Starts the clock of a freshly created (queued) run and makes it the thread's active
  // run. `script` is what the run will do (see plan_script for tool_choice and friends).
  void schedule(Thread& thread, Run& run, std::int64_t now_ms, scenario::RunScript script);

  // Applies every transition of the thread's active run that is due by now_ms.
  void advance(Thread& thread, std::int64_t now_ms);

  // POST .../cancel. Throws ApiError 400 "Cannot cancel run with status '...'." when illegal.
  void cancel(Thread& thread, Run& run, std::int64_t now_ms);

  // Throws the service's 400 unless the run waits for exactly these call ids.
  static void check_tool_outputs(const Run& run, const Json& tool_outputs);
  // Records the outputs on the tool step, completes it and queues the run again.
  // `replacement`, when given, replaces the actions the run had left.
  void accept_tool_outputs(Thread& thread, Run& run, const Json& tool_outputs,
                           std::int64_t now_ms, std::optional<scenario::RunScript> replacement);

  const RunPace& pace() const { return m_pace; }

private:
  void step(Thread& thread, Run& run, std::int64_t at_ms);
  void perform_action(Thread& thread, Run& run, std::int64_t at_ms);
  void end_action(Run& run);
  // After the transition table has moved the run to a terminal status: stamps the
  // ending, closes open work, clears the active run and tells a stream, all by run.status.
  void finish(Thread& thread, Run& run, std::int64_t at_ms);

  core::IdGenerator& m_ids;
  RunPace m_pace;
};

// Rough token count (4 characters a token), deterministic, for `usage`.
std::int64_t estimate_tokens(const std::string& text);
// The concatenated text parts of a message.
std::string message_text(const Message& message);
// {{tool_output}}, {{tool_outputs.NAME}} and {{user_message}} filled in.
std::string fill_template(const std::string& text, const RunProgress& progress);

}  // namespace mock::assistants
