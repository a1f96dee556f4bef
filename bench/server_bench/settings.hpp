#pragma once
// What a run is set to: the command line's settings, and the loopback address and API key
// every server in the process uses.
#include <cstddef>
#include <string>

namespace server_bench {

inline constexpr const char* k_host = "127.0.0.1";
inline constexpr const char* k_api_key = "sk-bench";

struct Settings {
  // Long enough for a verdict: in 3 s of 4 slices a row's ratio ranged over 0.14 between runs
  // on a 2-core machine (bench/README.md, "Figures").
  double seconds = 8.0;  // measured time per target (split over the rounds)
  double warmup = 0.2;   // unmeasured requests before every measured slice
  std::size_t clients = 4;
  std::size_t messages = 100000;
  std::size_t small_messages = 1000;
  std::size_t rounds = 8;
  std::string scenario = "all";
  std::string only = "both";  // "mock" or "bare": measure one side (for profiling)
};

}  // namespace server_bench
