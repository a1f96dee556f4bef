#pragma once
// The whole Assistants state as JSON, for GET /__admin/state: every object in its wire
// shape, threads with their messages and runs, runs with their steps.
#include "mock/assistants/services.hpp"

namespace mock::assistants {

// Advances every thread's runs to `now_ms` first, so the dump is current.
Json dump_state(Services& services);

}  // namespace mock::assistants
