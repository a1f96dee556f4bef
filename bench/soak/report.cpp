#include "bench/soak/report.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "bench/soak/flows.hpp"

namespace soak {
namespace {
#if defined(__SANITIZE_ADDRESS__)
constexpr bool k_asan = true;
#else
constexpr bool k_asan = false;
#endif

// How much the server's memory may still grow once warm (see bench/README.md, "soak").
// Fixed slack: malloc arenas and per-thread caches of ~150 threads settling, the request
// journal (1,000 entries) filling. AddressSanitizer adds its quarantine (capped at 32 MiB
// plus 64 KiB a thread in soak.cpp) and its allocator's per-thread caches. Per flow: the store
// keeps the id of every deleted assistant and thread as a cursor tombstone (a cursor naming a
// deleted object still works), about 100-200 bytes for the 2-3 ids a flow deletes.
constexpr double k_slack_mib = k_asan ? 96.0 : 24.0;
constexpr double k_bytes_per_flow = 1024.0;

void say(const std::string& line) {
  std::fputs((line + "\n").c_str(), stdout);
  std::fflush(stdout);
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.*f", decimals, value);
  return buffer;
}

std::string mib(const std::optional<long>& kib) {
  return kib ? fixed(static_cast<double>(*kib) / 1024.0, 1) + " MiB" : "n/a";
}

std::string count(const std::optional<std::size_t>& value) {
  return value ? std::to_string(*value) : "n/a";
}

// Other jobs on a shared machine move every timing; the report says how busy it was.
std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one.empty() ? "unknown" : one + " " + five + " " + fifteen;
}

std::string latencies(const LatencyHistogram& histogram) {
  if (histogram.count() == 0) return "none";
  return "p50 " + fixed(histogram.percentile_ms(0.50), 2) + " ms, p99 " +
         fixed(histogram.percentile_ms(0.99), 2) + " ms, max " + fixed(histogram.max_ms(), 1) +
         " ms";
}

double allowed_rss_growth_mib(const Settings& settings, const Results& results) {
  if (settings.rss_growth_max_mib) return *settings.rss_growth_max_mib;
  return k_slack_mib +
         k_bytes_per_flow * static_cast<double>(results.flows_after_warmup) / (1024.0 * 1024.0);
}
}  // namespace

int report(const Settings& settings, const Results& results) {
  const Tally& t = results.tally;
  std::vector<std::string> failures;
  say("soak: " + std::to_string(settings.clients) + " clients, " + fixed(settings.seconds, 0) +
      " s (warm-up " + fixed(settings.warmup(), 0) + " s), " + results.target + ", " +
      (k_asan ? "AddressSanitizer build" : "no sanitizer") + ", load average " + load_average());
  std::string kinds;
  for (std::size_t k = 0; k < results.flows_by_kind.size(); ++k) {
    kinds +=
        std::string(k ? ", " : "") + flow_name(k) + " " + std::to_string(results.flows_by_kind[k]);
  }
  say("flows: " + std::to_string(t.flows) + " (" + kinds + ") in " +
      fixed(results.elapsed_seconds, 1) + " s");
  say("requests: " + std::to_string(t.requests) + " (" +
      fixed(static_cast<double>(t.requests) / std::max(results.elapsed_seconds, 1e-9), 0) +
      " req/s), " + std::to_string(t.streams) + " of them streams");
  std::string statuses;
  for (const auto& [status, n] : t.unexpected_by_status) {
    statuses +=
        (statuses.empty() ? " (" : ", ") + std::to_string(status) + ": " + std::to_string(n);
  }
  say("5xx: " + std::to_string(t.server_errors) + "; other unexpected statuses: " +
      std::to_string(t.unexpected) + (statuses.empty() ? "" : statuses + ")") +
      "; transport errors: " + std::to_string(t.transport_errors));
  say("invariant breaks: " + std::to_string(results.invariant_break_count) + " in " +
      std::to_string(results.snapshots) +
      " state snapshots; flow check failures: " + std::to_string(t.flow_failures) +
      "; objects left behind: " + std::to_string(results.leftovers));
  say("latency: " + latencies(t.latency) + " (" + std::to_string(t.latency.count()) +
      " requests); streams " + latencies(t.streaming));

  const std::string whose =
      results.in_process ? "this process (server and clients)" : "the server process";
  say("RSS of " + whose + ": before " + mib(results.before.rss_kib) + ", after warm-up " +
      mib(results.after_warmup.rss_kib) + ", end " + mib(results.end.rss_kib) + ", peak " +
      mib(results.peak_rss_kib));
  if (results.after_warmup.rss_kib && results.end.rss_kib) {
    const double growth =
        static_cast<double>(*results.end.rss_kib - *results.after_warmup.rss_kib) / 1024.0;
    const double allowed = allowed_rss_growth_mib(settings, results);
    say("RSS growth after warm-up: " + fixed(growth, 1) + " MiB, bound " + fixed(allowed, 1) +
        " MiB (" +
        (settings.rss_growth_max_mib
             ? std::string("--rss-growth-max-mib")
             : fixed(k_slack_mib, 0) + " MiB slack + 1 KiB x " +
                   std::to_string(results.flows_after_warmup) + " flows after warm-up") +
        ")");
    if (growth > allowed) failures.push_back("RSS grew " + fixed(growth, 1) + " MiB after warm-up");
  } else {
    say("RSS growth after warm-up: not measured (no access to the server's /proc entry; pass "
        "--pid)");
  }
  say("open fds of " + whose + ": before " + count(results.before.fds) + ", after " +
      count(results.end.fds) + " (bound: before + " + std::to_string(settings.fd_growth_max) + ")");
  if (results.before.fds && results.end.fds &&
      *results.end.fds > *results.before.fds + settings.fd_growth_max) {
    failures.push_back("open descriptors grew from " + std::to_string(*results.before.fds) +
                       " to " + std::to_string(*results.end.fds));
  }

  if (t.server_errors > 0) failures.push_back(std::to_string(t.server_errors) + " 5xx answers");
  if (t.unexpected > 0) failures.push_back(std::to_string(t.unexpected) + " unexpected statuses");
  if (t.transport_errors > 0)
    failures.push_back(std::to_string(t.transport_errors) + " requests without answer");
  if (results.invariant_break_count > 0)
    failures.push_back(std::to_string(results.invariant_break_count) + " invariant breaks");
  if (t.flow_failures > 0)
    failures.push_back(std::to_string(t.flow_failures) + " failed flow checks");
  if (results.leftovers > 0)
    failures.push_back(std::to_string(results.leftovers) + " objects of finished flows left");
  if (t.flows == 0) failures.push_back("no flow finished");
  for (const std::string& what : results.invariant_breaks) say("  invariant: " + what);
  for (const std::string& what : t.samples) say("  problem: " + what);
  if (failures.empty()) {
    say("result: PASS");
    return 0;
  }
  std::string all;
  for (const std::string& what : failures) all += (all.empty() ? "" : "; ") + what;
  say("result: FAIL (" + all + ")");
  return 1;
}

}  // namespace soak
