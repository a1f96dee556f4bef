#pragma once
// Creating a thread is shared by POST /threads and POST /threads/runs.
#include "mock/assistants/params/thread_request.hpp"
#include "mock/assistants/services.hpp"

namespace mock::assistants {

// Call inside with_state; the messages are moved out of `created`.
Thread& insert_thread(AssistantsState& state, NewThread&& created, Services& services);

}  // namespace mock::assistants
