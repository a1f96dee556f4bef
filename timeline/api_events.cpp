#include "timeline/api_events.hpp"

#include <array>
#include <stdexcept>

namespace timeline {
namespace {
// FACTS, RESPONSES and evolution-* are the team's fact sheets (../shared/ref); the spec commits
// are in openai/openai-openapi.
constexpr std::array k_events{
    DatedEvent{ApiEvent::assistants_launch, {2023, 11, 6}, "Assistants API (v1) launched at OpenAI DevDay",
               "OpenAI DevDay announcement, 2023-11-06; first user report of its invalid_beta error in "
               "November 2023 (FACTS.md §7, KenyonY/openai-forward#92)",
               true},
    DatedEvent{ApiEvent::v1_usage, {2024, 1, 18}, "v1 runs and run steps gain `usage`",
               "FACTS.md §2.6; evolution-v1.txt 2024-01-18-9bc52d4", false},
    DatedEvent{ApiEvent::v1_invalid_prompt, {2024, 3, 4}, "v1 run last_error code `invalid_prompt`",
               "FACTS.md §2.6; evolution-v1.txt 2024-03-04-28a300c", false},
    DatedEvent{ApiEvent::v1_streaming, {2024, 3, 27},
               "v1 streaming (`stream`), message `status`, `incomplete_details`, `completed_at`, "
               "`incomplete_at`; run `expires_at` nullable",
               "FACTS.md §2.3, §2.6; evolution-v1.txt 2024-03-27-1d3a468", false},
    DatedEvent{ApiEvent::v1_run_temperature, {2024, 3, 28}, "v1 run `temperature`",
               "FACTS.md §2.6", false},
    DatedEvent{ApiEvent::v1_assistant_role, {2024, 3, 29}, "v1 create-message accepts role `assistant`",
               "FACTS.md §2.2, §2.6", false},
    DatedEvent{ApiEvent::v1_run_id_filter, {2024, 4, 1}, "v1 list-messages `run_id` filter",
               "FACTS.md §1, §2.6", false},
    DatedEvent{ApiEvent::v1_additional_messages, {2024, 4, 4}, "v1 create-run `additional_messages`",
               "FACTS.md §2.2, §2.6", false},
    DatedEvent{ApiEvent::v1_longer_texts, {2024, 4, 9}, "v1 instructions and message content up to 256000",
               "FACTS.md §2.2, §2.6", false},
    DatedEvent{ApiEvent::v1_run_controls, {2024, 4, 12},
               "v1 runs: `max_prompt_tokens`, `max_completion_tokens`, `truncation_strategy`, "
               "`tool_choice`, `response_format`, `incomplete_details`",
               "FACTS.md §2.2, §2.6", false},
    DatedEvent{ApiEvent::v1_sampling_options, {2024, 4, 15},
               "v1 assistants: `temperature`, `top_p`, `response_format`; runs: `top_p`",
               "FACTS.md §2.2, §2.6", false},
    DatedEvent{ApiEvent::v1_final, {2024, 4, 16}, "last spec with the v1 shapes",
               "FACTS.md §0 (openai-openapi af97d0a)", false},
    DatedEvent{ApiEvent::v2_launch, {2024, 4, 17}, "Assistants v2 (`assistants=v2`) and vector stores",
               "FACTS.md §0, §3.6 (openai-openapi d3f8430)", false},
    DatedEvent{ApiEvent::v1_shutdown, {2024, 12, 18},
               "`assistants=v1` refused with 400 invalid_beta naming the migration guide",
               "FACTS.md §3.5, §7: 'by late December 2024 the API was rejecting v1' "
               "(PipedreamHQ/pipedream#15059); the day is OpenAI's announced v1 deprecation date",
               true},
    DatedEvent{ApiEvent::responses_launch, {2025, 3, 11}, "Responses API (`/v1/responses`)",
               "OpenAI 'New tools for building agents', 2025-03-11; the spec changed the same day "
               "(FACTS.md §3.6, evolution-v2 2025-03-11-ec54f88)",
               true},
    DatedEvent{ApiEvent::conversations_launch, {2025, 8, 21}, "Conversations API (`/v1/conversations`)",
               "RESPONSES.md §6 cites the community thread on its launch without a date; the day is "
               "OpenAI's API changelog entry",
               true},
    DatedEvent{ApiEvent::assistants_sunset, {2026, 8, 26},
               "Assistants API shut down: its routes answer 404 Invalid URL",
               "FACTS.md §0a; RESPONSES.md §1 (migration guide: 'shut down on August 26, 2026')", false},
};
}  // namespace

std::span<const DatedEvent> api_events() { return k_events; }

const DatedEvent& event_row(ApiEvent event) {
  for (const DatedEvent& row : k_events) {
    if (row.event == event) return row;
  }
  throw std::logic_error("timeline: an ApiEvent without a row");
}

bool has_happened(ApiEvent event, const CalendarDate& date) { return event_row(event).date <= date; }

}  // namespace timeline
