#pragma once
// The load generator: client threads on keep-alive connections send one request back to
// back, in alternating slices per target; latencies and counts become Stats.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <httplib.h>

#include "bench/server_bench/clients.hpp"
#include "bench/server_bench/settings.hpp"

namespace server_bench {

// What the load generator aims at: a port, headers, and the request each client thread
// repeats (one entry for all, or one per client thread).
struct Target {
  std::string name;
  bool is_mock = true;
  int port = -1;
  httplib::Headers headers;
  std::vector<Call> calls;
  const Call& call_for(std::size_t client) const { return calls[client % calls.size()]; }
};

struct Measurement {
  std::vector<std::int64_t> latencies_ns;  // every completed request (2xx or not)
  std::uint64_t ok = 0;                    // 2xx answers
  std::uint64_t non_2xx = 0;
  std::uint64_t transport_errors = 0;      // no answer: connect/read failure or time-out
  double seconds = 0;                      // measured wall time, summed over slices
  std::vector<double> slice_rates;         // 2xx req/s of each slice, in round order
  std::size_t last_body_bytes = 0;
  std::string first_error;

  void merge(Measurement&& other);
  std::uint64_t errors() const { return non_2xx + transport_errors; }
  double rate() const { return seconds > 0 ? static_cast<double>(ok) / seconds : 0.0; }
};

struct Stats {
  bool measured = false;
  double rate = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
  std::uint64_t errors = 0;
};

// Sorts the measurement's latencies in place.
Stats stats_of(Measurement& m);

// Measures every target for settings.seconds in total, split into `rounds` slices that
// alternate the order (A B, B A, ...), so drift on a shared machine hits all targets alike.
std::vector<Measurement> measure(const std::vector<const Target*>& targets,
                                 const Settings& settings);

}  // namespace server_bench
