#pragma once
// Runs wrk (Debian's `wrk`, an external load generator in C with its own event loop, so the
// client costs little and the same for every server) and reads its report.
#include <optional>
#include <string>
#include <vector>

namespace scale_bench {

struct WrkRequest {
  std::string method = "GET";
  std::string path;
  std::string body;  // sent with Content-Type: application/json when not empty
};

struct WrkResult {
  double requests_per_second = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  long non_2xx = 0;      // "Non-2xx or 3xx responses"
  long socket_errors = 0;
  std::string raw;       // wrk's whole report, for a failure message
};

// `wrk -t1 -cCONNECTIONS -dSECONDS --latency` against 127.0.0.1:port with the bench's API key
// and beta header; nullopt when wrk is missing or its report cannot be read.
std::optional<WrkResult> run_wrk(int port, const WrkRequest& request, int connections, double seconds);

bool wrk_available();

}  // namespace scale_bench
