#pragma once
// The rows wrk measures: the mock (`assistants-mock serve`, default flags) beside the bare
// cpp-httplib server of server-bench, in alternating runs: GET of an assistant at 64
// connections (p99) and at 16, and POST create and modify of an assistant at 16.
#include "bench/scale_bench/settings.hpp"

namespace scale_bench {

// Prints the rows; false if a request failed or wrk could not run.
bool run_throughput(const Settings& settings);

}  // namespace scale_bench
