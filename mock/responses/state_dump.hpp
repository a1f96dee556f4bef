#pragma once
// The Responses and Conversations part of GET /__admin/state.
#include "http/json.hpp"
#include "mock/responses/services.hpp"

namespace mock::responses {

// {"conversations": [{..., "items": [...]}], "responses": [{..., "input_items": [...]}]},
// oldest first, background responses advanced to now.
Json dump_state(ResponsesServices& services);

}  // namespace mock::responses
