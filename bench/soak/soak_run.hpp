#pragma once
// The soak: N clients repeat whole flows against one server for D seconds, a snapshot of
// the server's state is checked now and then and at the end, and the server's memory and
// descriptors are sampled before, after the warm-up and at the end.
#include <sys/types.h>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bench/soak/soak_client.hpp"

namespace soak {

struct Settings {
  double seconds = 60;
  std::size_t clients = 64;
  std::optional<double> warmup_seconds;  // default: a quarter of the run, at most 10 s
  double snapshot_every_seconds = 2;
  // --url: a server already running on loopback; otherwise one is started in-process.
  std::optional<std::string> url;
  std::optional<pid_t> server_pid;  // --url: whose memory and descriptors to sample
  std::string api_key = "sk-soak";
  std::optional<std::string> admin_token;
  std::size_t fd_growth_max = 8;
  std::optional<double> rss_growth_max_mib;  // default: see allowed_rss_growth_kib()

  double warmup() const;
};

struct Sample {
  std::optional<long> rss_kib;
  std::optional<std::size_t> fds;
};

struct Results {
  Tally tally;
  std::vector<std::uint64_t> flows_by_kind;
  std::uint64_t flows_after_warmup = 0;
  std::uint64_t snapshots = 0;
  std::uint64_t invariant_break_count = 0;    // from the state snapshots
  std::vector<std::string> invariant_breaks;  // the first of them
  std::uint64_t leftovers = 0;                // objects of finished flows still in the state
  Sample before, after_warmup, end;
  std::optional<long> peak_rss_kib;
  double elapsed_seconds = 0;
  std::string target;  // "in-process server on http://127.0.0.1:PORT" or the --url
  bool in_process = true;
};

// Thrown when the soak cannot start (bad --url, server unreachable): exit status 2.
struct SetupError {
  std::string what;
};

Results run_soak(const Settings& settings);

}  // namespace soak
