#include "mock/assistants/lifecycle/work_transitions.hpp"

#include <array>

namespace mock::assistants {
namespace {
template <class Status, class Event>
struct Transition {
  Status from;
  Event event;
  Status to;
};

using StepTransition = Transition<StepStatus, StepEvent>;
constexpr std::array k_step_transitions = {
    StepTransition{StepStatus::in_progress, StepEvent::complete, StepStatus::completed},
    StepTransition{StepStatus::in_progress, StepEvent::fail, StepStatus::failed},
    StepTransition{StepStatus::in_progress, StepEvent::cancel, StepStatus::cancelled},
    StepTransition{StepStatus::in_progress, StepEvent::expire, StepStatus::expired},
};

using MessageTransition = Transition<MessageStatus, MessageEvent>;
constexpr std::array k_message_transitions = {
    MessageTransition{MessageStatus::in_progress, MessageEvent::complete, MessageStatus::completed},
    MessageTransition{MessageStatus::in_progress, MessageEvent::cut_off, MessageStatus::incomplete},
};

template <class Status, class Event, std::size_t N>
std::optional<Status> look_up(const std::array<Transition<Status, Event>, N>& table, Status from,
                              Event event) {
  for (const auto& t : table) {
    if (t.from == from && t.event == event) return t.to;
  }
  return std::nullopt;
}
}  // namespace

std::string_view to_string(StepEvent event) {
  switch (event) {
    case StepEvent::complete: return "complete";
    case StepEvent::fail: return "fail";
    case StepEvent::cancel: return "cancel";
    case StepEvent::expire: return "expire";
  }
  return "unknown";
}

std::string_view to_string(MessageEvent event) {
  switch (event) {
    case MessageEvent::complete: return "complete";
    case MessageEvent::cut_off: return "cut_off";
  }
  return "unknown";
}

std::optional<StepStatus> next_status(StepStatus from, StepEvent event) {
  return look_up(k_step_transitions, from, event);
}

std::optional<MessageStatus> next_status(MessageStatus from, MessageEvent event) {
  return look_up(k_message_transitions, from, event);
}

}  // namespace mock::assistants
