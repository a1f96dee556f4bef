#include "mock/assistants/model/status.hpp"

#include <array>
#include <utility>

namespace mock::assistants {
namespace {
constexpr std::array k_run_status_names = {
    std::pair{RunStatus::queued, std::string_view("queued")},
    std::pair{RunStatus::in_progress, std::string_view("in_progress")},
    std::pair{RunStatus::requires_action, std::string_view("requires_action")},
    std::pair{RunStatus::cancelling, std::string_view("cancelling")},
    std::pair{RunStatus::cancelled, std::string_view("cancelled")},
    std::pair{RunStatus::failed, std::string_view("failed")},
    std::pair{RunStatus::completed, std::string_view("completed")},
    std::pair{RunStatus::incomplete, std::string_view("incomplete")},
    std::pair{RunStatus::expired, std::string_view("expired")},
};
constexpr std::array k_role_names = {
    std::pair{Role::user, std::string_view("user")},
    std::pair{Role::assistant, std::string_view("assistant")},
};
}  // namespace

std::string_view to_string(RunStatus status) {
  for (const auto& [value, name] : k_run_status_names) {
    if (value == status) return name;
  }
  return "unknown";
}

std::optional<RunStatus> parse_run_status(std::string_view text) {
  for (const auto& [value, name] : k_run_status_names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

std::string_view to_string(StepStatus status) {
  switch (status) {
    case StepStatus::in_progress: return "in_progress";
    case StepStatus::cancelled: return "cancelled";
    case StepStatus::failed: return "failed";
    case StepStatus::completed: return "completed";
    case StepStatus::expired: return "expired";
  }
  return "unknown";
}

std::string_view to_string(MessageStatus status) {
  switch (status) {
    case MessageStatus::in_progress: return "in_progress";
    case MessageStatus::incomplete: return "incomplete";
    case MessageStatus::completed: return "completed";
  }
  return "unknown";
}

std::string_view to_string(StepType type) {
  switch (type) {
    case StepType::message_creation: return "message_creation";
    case StepType::tool_calls: return "tool_calls";
  }
  return "unknown";
}

std::string_view to_string(Role role) {
  for (const auto& [value, name] : k_role_names) {
    if (value == role) return name;
  }
  return "unknown";
}

std::optional<Role> parse_role(std::string_view text) {
  for (const auto& [value, name] : k_role_names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

const std::vector<std::string>& role_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [value, name] : k_role_names) out.emplace_back(name);
    return out;
  }();
  return names;
}

bool is_active(RunStatus status) {
  return status == RunStatus::queued || status == RunStatus::in_progress ||
         status == RunStatus::requires_action || status == RunStatus::cancelling;
}

bool is_terminal(RunStatus status) { return !is_active(status); }

}  // namespace mock::assistants
