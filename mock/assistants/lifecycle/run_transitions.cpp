#include "mock/assistants/lifecycle/run_transitions.hpp"

#include <array>

namespace mock::assistants {
namespace {
struct Transition {
  RunStatus from;
  RunEvent event;
  RunStatus to;
};

using S = RunStatus;
using E = RunEvent;
constexpr std::array k_transitions = {
    Transition{S::queued, E::start, S::in_progress},
    Transition{S::in_progress, E::require_action, S::requires_action},
    Transition{S::requires_action, E::submit_tool_outputs, S::queued},
    Transition{S::in_progress, E::complete, S::completed},
    Transition{S::in_progress, E::fail, S::failed},
    Transition{S::in_progress, E::hit_token_limit, S::incomplete},
    Transition{S::queued, E::cancel, S::cancelling},
    Transition{S::in_progress, E::cancel, S::cancelling},
    Transition{S::requires_action, E::cancel, S::cancelling},
    Transition{S::cancelling, E::finish_cancel, S::cancelled},
    Transition{S::queued, E::expire, S::expired},
    Transition{S::in_progress, E::expire, S::expired},
    Transition{S::requires_action, E::expire, S::expired},
};
}  // namespace

std::string_view to_string(RunEvent event) {
  switch (event) {
    case E::start: return "start";
    case E::require_action: return "require_action";
    case E::submit_tool_outputs: return "submit_tool_outputs";
    case E::complete: return "complete";
    case E::fail: return "fail";
    case E::hit_token_limit: return "hit_token_limit";
    case E::cancel: return "cancel";
    case E::finish_cancel: return "finish_cancel";
    case E::expire: return "expire";
  }
  return "unknown";
}

std::optional<RunStatus> next_status(RunStatus from, RunEvent event) {
  for (const Transition& t : k_transitions) {
    if (t.from == from && t.event == event) return t.to;
  }
  return std::nullopt;
}

}  // namespace mock::assistants
