#pragma once
// The step and message state machines as tables, as run_transitions.hpp is the run's:
// (status, event) -> status. A step or message is created in_progress (a user's message
// completed); every later change of its status asks these tables first.
#include <optional>
#include <string_view>

#include "mock/assistants/model/status.hpp"

namespace mock::assistants {

enum class StepEvent {
  complete,  // its work is done (a message written, a tool answered)
  fail,      // its run failed
  cancel,    // its run was cancelled or ended another way
  expire,    // its run expired
};

enum class MessageEvent {
  complete,  // its text is written in full
  cut_off,   // it stops short: a token limit, or its run ended first
};

std::string_view to_string(StepEvent event);
std::string_view to_string(MessageEvent event);

// The status after `event`, or nullopt if the event is illegal in `from`.
std::optional<StepStatus> next_status(StepStatus from, StepEvent event);
std::optional<MessageStatus> next_status(MessageStatus from, MessageEvent event);

}  // namespace mock::assistants
