#pragma once
// The Responses and Conversations part of GET /__admin/state.
#include <cstddef>
#include <utility>
#include <vector>

#include "http/json.hpp"
#include "mock/responses/objects.hpp"
#include "mock/responses/services.hpp"

namespace mock::responses {

// {"conversations": [{..., "items": [...]}], "responses": [{..., "input_items": [...]}]},
// oldest first, background responses advanced to now.
Json dump_state(ResponsesServices& services);

// How many stored responses are in each status, for the metrics page: every status, in the
// order queued, in_progress, completed, failed, incomplete, cancelled, zero counts included;
// background responses are brought up to now first, as a GET would.
std::vector<std::pair<ResponseStatus, std::size_t>> count_by_status(ResponsesServices& services);

}  // namespace mock::responses
