#pragma once
// The one table of dated events of the OpenAI Assistants API and its successors. Everything
// that answers "as on date D" (serve --as-of, check --as-of) reads it: no date is written
// anywhere else. Each row names its source; rows the sources leave undated are marked
// `chosen` and explained in the README ("Test your code against the sunset").
#include <span>
#include <string_view>

#include "timeline/calendar_date.hpp"

namespace timeline {

enum class ApiEvent {
  assistants_launch,        // v1 Assistants API (assistants, threads, messages, runs, steps)
  v1_usage,                 // run and run step `usage`
  v1_invalid_prompt,        // run last_error code invalid_prompt
  v1_streaming,             // stream:true, message status/incomplete_*/completed_at
  v1_run_temperature,       // run temperature
  v1_assistant_role,        // create-message role "assistant"
  v1_run_id_filter,         // GET messages ?run_id=
  v1_additional_messages,   // create-run additional_messages
  v1_longer_texts,          // instructions/content limit 32768 -> 256000
  v1_run_controls,          // max tokens, truncation_strategy, tool_choice, response_format, incomplete_details
  v1_sampling_options,      // assistant temperature/top_p/response_format, run top_p
  v1_final,                 // last spec with the v1 shapes
  v2_launch,                // assistants=v2, vector stores
  v1_shutdown,              // assistants=v1 refused with a 400 naming the migration
  responses_launch,         // /v1/responses
  conversations_launch,     // /v1/conversations
  assistants_sunset,        // every Assistants route answers 404
};

struct DatedEvent {
  ApiEvent event;
  CalendarDate date;
  std::string_view what;    // one line for people
  std::string_view source;  // where the date comes from
  bool chosen;              // the sources give no exact date: ours, documented in the README
};

// Every row, oldest first.
std::span<const DatedEvent> api_events();

// The row of `event` (every enumerator has exactly one).
const DatedEvent& event_row(ApiEvent event);

// Whether `event` had happened by `date` (the event's own day counts as happened).
bool has_happened(ApiEvent event, const CalendarDate& date);

}  // namespace timeline
