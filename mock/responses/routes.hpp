#pragma once
// The Responses and Conversations API surface: no OpenAI-Beta header, the bearer key as
// everywhere else.
#include "http/route_table.hpp"
#include "mock/responses/services.hpp"

namespace mock::responses {

void register_routes(http::RouteTable& table, ResponsesServices& services);

}  // namespace mock::responses
