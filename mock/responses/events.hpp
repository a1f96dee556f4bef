#pragma once
// The server-sent events of a streamed response, in the service's order, numbered by
// `sequence_number` from 0 without gaps (RESPONSES.md §9). The list is a function of the
// response and the status it has reached, so a stream that resumes with starting_after
// gets the same events a first reader got.
#include <vector>

#include "http/json.hpp"
#include "mock/responses/objects.hpp"

namespace mock::responses {

// Every event a client reading the response from the start has seen by now:
//   response.created [, response.queued] (background), response.in_progress,
//   per output item: output_item.added, its own events, output_item.done,
//   response.completed | response.failed | response.incomplete.
// A cancelled background response ends its stream after the events it had reached, with no
// terminal event: the service's stream events have none for a cancel (`response.cancelled`
// is a webhook event only, RESPONSES.md §9 and the spec's ResponseStreamEvent union).
std::vector<Json> response_events(const StoredResponse& response);

}  // namespace mock::responses
