#pragma once
// Creating a thread is shared by POST /threads and POST /threads/runs.
#include "mock/assistants/services.hpp"

namespace mock::assistants {

// `fields` is a body normalised by parse_create_thread. Call inside with_state.
Thread& insert_thread(AssistantsState& state, const Json& fields, Services& services);

}  // namespace mock::assistants
