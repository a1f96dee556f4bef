#pragma once
// The soak's verdict: the figures, the bounds they are held to, and the exit status.
#include "bench/soak/soak_run.hpp"

namespace soak {

// Prints the report on stdout; returns 0 when every bound held, 1 otherwise.
int report(const Settings& settings, const Results& results);

}  // namespace soak
