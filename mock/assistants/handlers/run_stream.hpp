#pragma once
// `stream: true`: the answer is text/event-stream, and events are sent as the run
// advances, not buffered to the end. The stream closes with `event: done` when the run
// ends or stops in requires_action. A client that goes away does not stop the run.
#include <string>

#include "http/api_message.hpp"
#include "mock/assistants/services.hpp"

namespace mock::assistants {

// Opens a new event log for a stream of the run (closing an older stream's log). Call under
// the thread's lock before the first event, so nothing is missed.
void start_capturing(Run& run, ApiVersion version);

// The streamed response: its producer reads the log start_capturing opened, polling under
// the thread's lock and writing outside it. Call under the lock, after start_capturing.
http::ApiResponse stream_run_response(Services& services, std::string thread_id, const Run& run);

}  // namespace mock::assistants
