#pragma once
// When each field v1 gained after December 2023 appeared (FACTS.md §2.2, §2.3, §2.6;
// evolution-v1.txt), on the objects v1 answered and in the request bodies it accepted. The
// dates are the events of api_events.hpp.
#include <span>
#include <string_view>
#include <vector>

#include "timeline/api_events.hpp"

namespace timeline {

struct V1FieldAddition {
  std::string_view owner;  // object type ("thread.run") or request ("runs.create")
  std::string_view field;
  ApiEvent since;
};

// Response objects: thread.run, thread.run.step, thread.message.
std::span<const V1FieldAddition> v1_object_field_additions();
// Request bodies, by route name: assistants.create, assistants.modify, runs.create,
// runs.create_thread_and_run, runs.submit_tool_outputs.
std::span<const V1FieldAddition> v1_request_field_additions();

// The fields of `owner` added after `date` (the API of `date` did not have them).
std::vector<std::string_view> v1_fields_not_yet(std::span<const V1FieldAddition> table,
                                                std::string_view owner, const CalendarDate& date);

}  // namespace timeline
