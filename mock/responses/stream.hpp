#pragma once
// text/event-stream answers for responses: each event one `event:` + `data:` block, LF line
// endings, written whole, no [DONE] line.
#include <cstddef>
#include <string>
#include <vector>

#include "http/json.hpp"
#include "http/api_message.hpp"
#include "mock/responses/services.hpp"

namespace mock::responses {

// A response that has ended: its events, sent at once, in one write.
http::ApiResponse stream_events(std::vector<Json> events, std::size_t from);

// A stored response followed as it runs (background), from event `from` on: every event
// as the response reaches it, until it is terminal (or deleted, or the server stops).
http::ApiResponse follow_response(ResponsesServices& services, std::string response_id, std::size_t from);

}  // namespace mock::responses
