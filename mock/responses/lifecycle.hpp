#pragma once
// The status of a response as time passes. A foreground response is terminal when it is
// answered; a background one moves queued -> in_progress -> its outcome at the pace of
// --run-step-ms, lazily, whenever a request touches it (as runs do), through one table.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "mock/responses/objects.hpp"

namespace mock::responses {

enum class ResponseEvent { start, complete, fail, run_out, cancel };

std::string_view to_string(ResponseStatus status);
bool is_terminal(ResponseStatus status);

// (from, event) -> to, or nullopt when the event is illegal in that status.
std::optional<ResponseStatus> next_status(ResponseStatus from, ResponseEvent event);

// The event that ends a response in `outcome` (completed, failed or incomplete).
ResponseEvent finishing_event(ResponseStatus outcome);

// Applies the background transitions due by now_ms. `on_finished` runs once when the
// response reaches its outcome (its items then join its conversation).
void advance(StoredResponse& response, std::int64_t now_ms,
             const std::function<void(StoredResponse&)>& on_finished);

// POST /v1/responses/{id}/cancel: ApiError 400 for a foreground response or one that
// already ended otherwise; a cancelled one stays cancelled (idempotent).
void cancel(StoredResponse& response);

}  // namespace mock::responses
