#pragma once
// Statuses as enums with one to_string each: adding a status is a one-place change
// the compiler checks (no status strings compared anywhere else).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mock/core/api_version.hpp"

namespace mock::assistants {

enum class RunStatus {
  queued,
  in_progress,
  requires_action,
  cancelling,
  cancelled,
  failed,
  completed,
  incomplete,
  expired,
};

enum class StepStatus { in_progress, cancelled, failed, completed, expired };
enum class MessageStatus { in_progress, incomplete, completed };
enum class StepType { message_creation, tool_calls };
enum class Role { user, assistant };

using core::ApiVersion;

std::string_view to_string(RunStatus status);
std::string_view to_string(StepStatus status);
std::string_view to_string(MessageStatus status);
std::string_view to_string(StepType type);
std::string_view to_string(Role role);

std::optional<RunStatus> parse_run_status(std::string_view text);
std::optional<Role> parse_role(std::string_view text);
// Every role as the wire spells it ("user", "assistant"), for errors that list them.
const std::vector<std::string>& role_names();

// queued, in_progress, requires_action and cancelling hold the thread: no new run,
// no new message (FACTS.md §9.1).
bool is_active(RunStatus status);
bool is_terminal(RunStatus status);

}  // namespace mock::assistants
