#include "timeline/v1_field_history.hpp"

#include <array>

namespace timeline {
namespace {
using E = ApiEvent;

constexpr std::array k_object_fields{
    V1FieldAddition{"thread.run", "usage", E::v1_usage},
    V1FieldAddition{"thread.run.step", "usage", E::v1_usage},
    V1FieldAddition{"thread.message", "status", E::v1_streaming},
    V1FieldAddition{"thread.message", "incomplete_details", E::v1_streaming},
    V1FieldAddition{"thread.message", "completed_at", E::v1_streaming},
    V1FieldAddition{"thread.message", "incomplete_at", E::v1_streaming},
    V1FieldAddition{"thread.run", "temperature", E::v1_run_temperature},
    V1FieldAddition{"thread.run", "incomplete_details", E::v1_run_controls},
    V1FieldAddition{"thread.run", "max_prompt_tokens", E::v1_run_controls},
    V1FieldAddition{"thread.run", "max_completion_tokens", E::v1_run_controls},
    V1FieldAddition{"thread.run", "truncation_strategy", E::v1_run_controls},
    V1FieldAddition{"thread.run", "tool_choice", E::v1_run_controls},
    V1FieldAddition{"thread.run", "response_format", E::v1_run_controls},
    V1FieldAddition{"thread.run", "top_p", E::v1_sampling_options},
};

constexpr std::array k_request_fields{
    V1FieldAddition{"runs.create", "stream", E::v1_streaming},
    V1FieldAddition{"runs.create_thread_and_run", "stream", E::v1_streaming},
    V1FieldAddition{"runs.submit_tool_outputs", "stream", E::v1_streaming},
    V1FieldAddition{"runs.create", "temperature", E::v1_run_temperature},
    V1FieldAddition{"runs.create_thread_and_run", "temperature", E::v1_run_temperature},
    V1FieldAddition{"runs.create", "additional_messages", E::v1_additional_messages},
    V1FieldAddition{"runs.create", "max_prompt_tokens", E::v1_run_controls},
    V1FieldAddition{"runs.create", "max_completion_tokens", E::v1_run_controls},
    V1FieldAddition{"runs.create", "truncation_strategy", E::v1_run_controls},
    V1FieldAddition{"runs.create", "tool_choice", E::v1_run_controls},
    V1FieldAddition{"runs.create", "response_format", E::v1_run_controls},
    V1FieldAddition{"runs.create_thread_and_run", "max_prompt_tokens", E::v1_run_controls},
    V1FieldAddition{"runs.create_thread_and_run", "max_completion_tokens", E::v1_run_controls},
    V1FieldAddition{"runs.create_thread_and_run", "truncation_strategy", E::v1_run_controls},
    V1FieldAddition{"runs.create_thread_and_run", "tool_choice", E::v1_run_controls},
    V1FieldAddition{"runs.create_thread_and_run", "response_format", E::v1_run_controls},
    V1FieldAddition{"runs.create", "top_p", E::v1_sampling_options},
    V1FieldAddition{"runs.create_thread_and_run", "top_p", E::v1_sampling_options},
    V1FieldAddition{"assistants.create", "temperature", E::v1_sampling_options},
    V1FieldAddition{"assistants.create", "top_p", E::v1_sampling_options},
    V1FieldAddition{"assistants.create", "response_format", E::v1_sampling_options},
    V1FieldAddition{"assistants.modify", "temperature", E::v1_sampling_options},
    V1FieldAddition{"assistants.modify", "top_p", E::v1_sampling_options},
    V1FieldAddition{"assistants.modify", "response_format", E::v1_sampling_options},
};
}  // namespace

std::span<const V1FieldAddition> v1_object_field_additions() { return k_object_fields; }
std::span<const V1FieldAddition> v1_request_field_additions() { return k_request_fields; }

std::vector<std::string_view> v1_fields_not_yet(std::span<const V1FieldAddition> table,
                                                std::string_view owner, const CalendarDate& date) {
  std::vector<std::string_view> out;
  for (const V1FieldAddition& row : table) {
    if (row.owner == owner && !has_happened(row.since, date)) out.push_back(row.field);
  }
  return out;
}

}  // namespace timeline
