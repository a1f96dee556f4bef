#pragma once
// What a new response sees before its own input: the chain of previous_response_id (its
// input and output, all the way back) or the conversation's items, plus the function calls
// that history stopped at. And what a response leaves behind: its input and output items
// appended to its conversation once it ends.
#include <cstdint>

#include "http/json.hpp"
#include "mock/responses/objects.hpp"
#include "mock/responses/request_params.hpp"

namespace mock::responses {

struct ResponseContext {
  Json items = Json::array();
  const PendingCalls* pending = nullptr;
};

// Throws 400 previous_response_not_found (unknown, unstored or still running response),
// 404 for an unknown conversation.
ResponseContext context_for(ResponsesState& state, const ResponseRequest& request, std::int64_t now_ms);

// Replaces each item_reference in `input` by the item it names (from the context or any
// stored response); 400 when none has that id.
void resolve_references(ResponsesState& state, const Json& context, Json& input);

// Applies the background transitions due by now_ms, appending the items when it ends. A
// running response is advanced with all the others (advance_running), so one that finished
// earlier cannot join a conversation after it.
void advance_response(ResponsesState& state, StoredResponse& response, std::int64_t now_ms);

// Advances every running background response (before a conversation is read: their items
// join it when they end), in the order they reach their outcome, then of creation: a
// conversation gets the items of its background responses in that order.
void advance_running(ResponsesState& state, std::int64_t now_ms);

// A response reached its outcome: a completed or incomplete one adds its input and output
// items to its conversation, in order, and hands on the calls it stopped at.
void on_response_finished(ResponsesState& state, StoredResponse& response);

}  // namespace mock::responses
