#pragma once
// The run state machine as one table: (status, event) -> status (FACTS.md §4).
// Everything that changes a run's status asks this table first.
#include <optional>
#include <string_view>

#include "mock/assistants/model/status.hpp"

namespace mock::assistants {

enum class RunEvent {
  start,                 // the server picks the run up
  require_action,        // the model called function tools
  submit_tool_outputs,   // every call answered
  complete,
  fail,
  hit_token_limit,       // max_*_tokens reached (v2: incomplete)
  cancel,                // POST .../cancel accepted
  finish_cancel,
  expire,                // expires_at passed
};

std::string_view to_string(RunEvent event);

// The status after `event`, or nullopt if the event is illegal in `from`.
std::optional<RunStatus> next_status(RunStatus from, RunEvent event);

}  // namespace mock::assistants
