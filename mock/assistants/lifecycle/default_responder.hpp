#pragma once
// What the assistant says when no scenario scripts it: one deterministic message that
// quotes the latest user message, so a client test can tell replies apart.
#include "mock/assistants/lifecycle/run_driver.hpp"
#include "mock/assistants/model/objects.hpp"

namespace mock::assistants {

RunScript default_script(const Thread& thread, const Run& run);

}  // namespace mock::assistants
