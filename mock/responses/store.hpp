#pragma once
// All Responses and Conversations state behind one lock: a response reads its chain or
// conversation and appends to it in one step, so no reader sees half of it.
#include "mock/core/guarded_state.hpp"
#include "mock/responses/objects.hpp"

namespace mock::responses {

using ResponsesStore = core::GuardedState<ResponsesState>;

}  // namespace mock::responses
