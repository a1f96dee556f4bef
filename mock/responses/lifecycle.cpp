#include "mock/responses/lifecycle.hpp"

#include <array>

#include "http/api_error.hpp"

namespace mock::responses {
namespace {
struct Transition {
  ResponseStatus from;
  ResponseEvent event;
  ResponseStatus to;
};

// Every legal move of a response. Cancelling a cancelled response is legal and changes
// nothing: the service answers a second cancel with the same object.
constexpr std::array k_transitions{
    Transition{ResponseStatus::queued, ResponseEvent::start, ResponseStatus::in_progress},
    Transition{ResponseStatus::in_progress, ResponseEvent::complete, ResponseStatus::completed},
    Transition{ResponseStatus::in_progress, ResponseEvent::fail, ResponseStatus::failed},
    Transition{ResponseStatus::in_progress, ResponseEvent::run_out, ResponseStatus::incomplete},
    Transition{ResponseStatus::queued, ResponseEvent::cancel, ResponseStatus::cancelled},
    Transition{ResponseStatus::in_progress, ResponseEvent::cancel, ResponseStatus::cancelled},
    Transition{ResponseStatus::cancelled, ResponseEvent::cancel, ResponseStatus::cancelled},
};

void move(StoredResponse& response, ResponseEvent event) {
  const auto next = next_status(response.status, event);
  if (!next) {
    throw http::errors::internal("illegal response transition from " +
                                 std::string(to_string(response.status)));
  }
  response.status = *next;
}
}  // namespace

std::string_view to_string(ResponseStatus status) {
  switch (status) {
    case ResponseStatus::queued: return "queued";
    case ResponseStatus::in_progress: return "in_progress";
    case ResponseStatus::completed: return "completed";
    case ResponseStatus::failed: return "failed";
    case ResponseStatus::incomplete: return "incomplete";
    case ResponseStatus::cancelled: return "cancelled";
  }
  return "unknown";
}

bool is_terminal(ResponseStatus status) {
  return status != ResponseStatus::queued && status != ResponseStatus::in_progress;
}

std::optional<ResponseStatus> next_status(ResponseStatus from, ResponseEvent event) {
  for (const Transition& t : k_transitions) {
    if (t.from == from && t.event == event) return t.to;
  }
  return std::nullopt;
}

ResponseEvent finishing_event(ResponseStatus outcome) {
  if (outcome == ResponseStatus::failed) return ResponseEvent::fail;
  if (outcome == ResponseStatus::incomplete) return ResponseEvent::run_out;
  return ResponseEvent::complete;
}

void advance(StoredResponse& response, std::int64_t now_ms,
             const std::function<void(StoredResponse&)>& on_finished) {
  if (response.status == ResponseStatus::queued && now_ms >= response.in_progress_due_ms) {
    move(response, ResponseEvent::start);
    response.started = true;
  }
  if (response.status == ResponseStatus::in_progress && now_ms >= response.finish_due_ms) {
    move(response, finishing_event(response.outcome.status));
    if (response.status == ResponseStatus::completed) {
      response.completed_at = response.finish_due_ms / 1000;
    }
    on_finished(response);
  }
}

void cancel(StoredResponse& response) {
  if (!response.background) {
    throw http::errors::invalid_request("Cannot cancel a synchronous response.");
  }
  if (!next_status(response.status, ResponseEvent::cancel)) {
    throw http::errors::invalid_request("Cannot cancel a response with status '" +
                                        std::string(to_string(response.status)) + "'.");
  }
  move(response, ResponseEvent::cancel);
}

}  // namespace mock::responses
