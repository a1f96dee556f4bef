#include "bench/soak/soak_run.hpp"

#include <arpa/inet.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

#include "bench/soak/flows.hpp"
#include "bench/soak/process_stats.hpp"
#include "bench/soak/state_invariants.hpp"
#include "mock/scenario/scenario.hpp"
#include "mock/server/mock_server.hpp"

namespace soak {
namespace {
using Clock = std::chrono::steady_clock;

constexpr std::size_t k_breaks_kept = 50;

struct Endpoint {
  std::string host;
  int port = 0;
};

// http://HOST:PORT on loopback only: the soak sends thousands of requests a second and
// must never aim them at another machine.
Endpoint parse_loopback_url(const std::string& url) {
  const std::string scheme = "http://";
  if (!url.starts_with(scheme)) throw SetupError{"--url must start with http:// (got " + url + ")"};
  std::string rest = url.substr(scheme.size());
  if (const auto slash = rest.find('/'); slash != std::string::npos) {
    if (rest.substr(slash) != "/") throw SetupError{"--url takes no path: http://HOST:PORT"};
    rest.resize(slash);
  }
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos) throw SetupError{"--url needs a port: http://HOST:PORT"};
  Endpoint endpoint;
  endpoint.host = rest.substr(0, colon);
  try {
    endpoint.port = std::stoi(rest.substr(colon + 1));
  } catch (const std::exception&) {
    throw SetupError{"--url has no valid port: " + url};
  }
  if (endpoint.host.size() > 2 && endpoint.host.front() == '[' && endpoint.host.back() == ']') {
    endpoint.host = endpoint.host.substr(1, endpoint.host.size() - 2);
  }
  if (endpoint.host == "localhost") endpoint.host = "127.0.0.1";  // never ask a resolver
  in_addr v4{};
  in6_addr v6{};
  const bool loopback =
      (inet_pton(AF_INET, endpoint.host.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24U) == 127U) ||
      (inet_pton(AF_INET6, endpoint.host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6));
  if (!loopback) {
    throw SetupError{"--url must name a loopback address (127.0.0.0/8, [::1] or localhost), not " +
                     endpoint.host + ": the soak only loads this machine"};
  }
  return endpoint;
}

Sample sample(std::optional<pid_t> pid) {
  if (!pid) return {};
  return {resident_kib(*pid), open_fds(*pid)};
}

// What the client threads share.
struct Shared {
  std::atomic<std::uint64_t> sequence{0};
  std::atomic<std::uint64_t> flows_done{0};
  std::mutex mutex;
  std::vector<std::string> breaks;
  std::uint64_t broken = 0;
  std::uint64_t snapshots = 0;

  void add_breaks(const std::vector<std::string>& found, const std::string& when) {
    std::lock_guard lock(mutex);
    ++snapshots;
    broken += found.size();
    for (const std::string& what : found) {
      if (breaks.size() < k_breaks_kept) breaks.push_back(when + ": " + what);
    }
  }
};

// Checks the invariants on the server's state as it is now; returns the state.
Json check_snapshot(SoakClient& client, Shared& shared, const std::string& when) {
  const Answer answer = client.get("/__admin/state");
  if (answer.status != 200) {
    shared.add_breaks({"GET /__admin/state answered " + std::to_string(answer.status)}, when);
    return Json();
  }
  shared.add_breaks(check_state(answer.json), when);
  return answer.json;
}

void client_loop(const Endpoint& endpoint, const Settings& settings, std::size_t index,
                 Clock::time_point start, Clock::time_point deadline, Shared& shared, Tally& tally,
                 std::vector<std::uint64_t>& by_kind) {
  SoakClient client(endpoint.host, endpoint.port, settings.api_key, settings.admin_token);
  by_kind.assign(k_flow_kinds, 0);
  auto next_snapshot = start + std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double>(settings.snapshot_every_seconds));
  for (std::size_t round = 0; Clock::now() < deadline; ++round) {
    const std::size_t kind = (index + round) % k_flow_kinds;
    run_flow(client, kind, shared.sequence.fetch_add(1));
    ++by_kind[kind];
    shared.flows_done.fetch_add(1);
    // One client also checks the state now and then, mid-load, on its own connection (an
    // extra connection could exceed a server's connection bound).
    if (index == 0 && Clock::now() >= next_snapshot) {
      check_snapshot(
          client, shared,
          "snapshot at " +
              std::to_string(
                  std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - start).count()) +
              " s");
      next_snapshot =
          Clock::now() + std::chrono::duration_cast<Clock::duration>(
                             std::chrono::duration<double>(settings.snapshot_every_seconds));
    }
  }
  tally = std::move(client.tally());
}

std::unique_ptr<mock::MockServer> start_server(const Settings& settings) {
  mock::MockServerConfig config;
  config.http.host = "127.0.0.1";
  config.http.port = 0;
  config.http.threads = settings.clients + 16;  // every client keeps one connection open
  config.api_key = settings.api_key;
  config.admin_token = settings.admin_token;
  config.scenario = mock::scenario::parse_scenario(mock::Json::parse(soak_scenario().dump()));
  auto server = std::make_unique<mock::MockServer>(std::move(config));
  server->start();
  return server;
}

std::uint64_t count_leftovers(const Json& state, bool in_process) {
  std::uint64_t left = 0;
  for (const Json& assistant : state.value("assistants", Json::array())) {
    const Json& name = assistant.contains("name") ? assistant["name"] : Json();
    if (in_process || (name.is_string() && name.get<std::string>().starts_with("soak "))) ++left;
  }
  // A server of our own holds nothing but what the flows made, and they deleted it all.
  if (in_process) left += state.value("threads", Json::array()).size();
  return left;
}
}  // namespace

double Settings::warmup() const { return warmup_seconds.value_or(std::min(10.0, seconds / 4)); }

Results run_soak(const Settings& settings) {
  Results results;
  std::unique_ptr<mock::MockServer> server;
  Endpoint endpoint;
  std::optional<pid_t> pid;
  if (settings.url) {
    endpoint = parse_loopback_url(*settings.url);
    results.in_process = false;
    results.target = "server at " + *settings.url;
    pid = settings.server_pid ? settings.server_pid : pid_listening_on(endpoint.port);
    SoakClient setup(endpoint.host, endpoint.port, settings.api_key, settings.admin_token);
    const Answer loaded = setup.post("/__admin/scenario", soak_scenario());
    if (loaded.status != 200) {
      throw SetupError{"could not load the soak scenario (POST /__admin/scenario answered " +
                       std::to_string(loaded.status) + " " + loaded.body.substr(0, 200) + ")"};
    }
  } else {
    server = start_server(settings);
    endpoint = {"127.0.0.1", server->port()};
    pid = getpid();
    results.target = "in-process server on http://127.0.0.1:" + std::to_string(endpoint.port);
  }
  results.before = sample(pid);

  Shared shared;
  const auto start = Clock::now();
  const auto seconds = [](double s) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
  };
  const auto deadline = start + seconds(settings.seconds);
  const auto warm_end = start + seconds(settings.warmup());
  std::vector<Tally> tallies(settings.clients);
  std::vector<std::vector<std::uint64_t>> by_kind(settings.clients);
  std::vector<std::thread> threads;
  for (std::size_t c = 0; c < settings.clients; ++c) {
    threads.emplace_back([&, c] {
      client_loop(endpoint, settings, c, start, deadline, shared, tallies[c], by_kind[c]);
    });
  }
  bool warmed = false;
  std::uint64_t flows_at_warm_end = 0;
  while (Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    if (const auto rss = pid ? resident_kib(*pid) : std::nullopt) {
      results.peak_rss_kib = std::max(results.peak_rss_kib.value_or(0), *rss);
    }
    if (!warmed && Clock::now() >= warm_end) {
      warmed = true;
      results.after_warmup = sample(pid);
      flows_at_warm_end = shared.flows_done.load();
    }
  }
  for (std::thread& thread : threads) thread.join();
  results.elapsed_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  results.flows_after_warmup = shared.flows_done.load() - flows_at_warm_end;

  {  // the final state: invariants, and nothing left of the flows
    SoakClient checker(endpoint.host, endpoint.port, settings.api_key, settings.admin_token);
    const Json state = check_snapshot(checker, shared, "final state");
    if (!state.is_null()) results.leftovers = count_leftovers(state, results.in_process);
    results.tally.merge(std::move(checker.tally()));
  }
  for (Tally& tally : tallies) results.tally.merge(std::move(tally));
  results.flows_by_kind.assign(k_flow_kinds, 0);
  for (const auto& counts : by_kind) {
    for (std::size_t k = 0; k < counts.size(); ++k) results.flows_by_kind[k] += counts[k];
  }
  results.invariant_break_count = shared.broken;
  results.invariant_breaks = shared.breaks;
  results.snapshots = shared.snapshots;
  if (shared.broken > shared.breaks.size()) {
    results.invariant_breaks.push_back(
        "... and " + std::to_string(shared.broken - shared.breaks.size()) + " more");
  }
  // The server closes its side of each connection when it sees the client's close; give
  // it a moment before counting descriptors.
  const auto settle_until = Clock::now() + std::chrono::seconds(5);
  do {
    results.end = sample(pid);
    if (!results.end.fds || !results.before.fds ||
        *results.end.fds <= *results.before.fds + settings.fd_growth_max) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  } while (Clock::now() < settle_until);
  return results;
}

}  // namespace soak
