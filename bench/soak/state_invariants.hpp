#pragma once
// What must hold in the server's state whatever the clients did, read from
// GET /__admin/state: at most one active run per thread, each run's steps, messages and
// timestamps consistent with its status, every object under the thread that owns it.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace soak {

// One line per broken invariant (empty when all hold), naming the objects involved.
std::vector<std::string> check_state(const nlohmann::json& state);

}  // namespace soak
