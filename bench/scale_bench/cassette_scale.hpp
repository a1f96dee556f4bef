#pragma once
// The cassette rows: replaying from a cassette of 14 exchanges and from one of 10,000 (the
// same kind of request, wrk, alternating), loading the large one and explaining a miss in
// it, and recording 10,000 exchanges with the rate of the first and the last thousand.
#include "bench/scale_bench/settings.hpp"

namespace scale_bench {

bool run_replay_scale(const Settings& settings);
bool run_record_scale(const Settings& settings);

}  // namespace scale_bench
