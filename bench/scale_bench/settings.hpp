#pragma once
// What a scale-bench run is set to (bench/README.md, "scale-bench").
#include <cstddef>
#include <filesystem>
#include <string>

namespace scale_bench {

struct Settings {
  std::filesystem::path binary;   // the built assistants-mock
  std::filesystem::path work_dir;  // cassettes written and read here (a disk, for fsync)
  std::string scenario = "all";    // all, wrk, slow, streams, replay, record
  int runs = 3;                    // wrk rows: measurements per side, alternating
  double seconds = 5;              // wrk rows: seconds per measurement
  std::size_t streams = 1000;
  std::size_t slow_clients = 64;
  std::size_t large_cassette = 10000;
  std::size_t small_cassette = 14;
  std::size_t record_exchanges = 10000;
};

}  // namespace scale_bench
