#pragma once
// The capacity rows, against `assistants-mock serve` as its own process: clients that
// trickle their headers a byte a second while others send ordinary requests, and a
// thousand streamed runs opened at once (then a stream cap made small, to see the 429).
#include "bench/scale_bench/settings.hpp"

namespace scale_bench {

bool run_slow_clients(const Settings& settings);
bool run_open_streams(const Settings& settings);

}  // namespace scale_bench
