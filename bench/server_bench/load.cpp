#include "bench/server_bench/load.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <latch>
#include <thread>
#include <utility>

#include "bench/server_bench/text.hpp"

namespace server_bench {
namespace {

// One slice: `clients` threads, each with one keep-alive connection, warm up together for
// `warmup` seconds, then send back-to-back for `seconds`, recording every latency.
Measurement run_slice(const Target& target, const Settings& settings, double seconds) {
  const std::size_t n = settings.clients;
  std::vector<Measurement> per_client(n);
  std::vector<SteadyClock::time_point> finished(n);
  std::latch ready(static_cast<std::ptrdiff_t>(n));
  std::latch go(1);
  SteadyClock::time_point warm_end;
  SteadyClock::time_point end;
  constexpr std::uint64_t k_give_up_after_transport_errors = 200;

  std::vector<std::thread> threads;
  threads.reserve(n);
  for (std::size_t c = 0; c < n; ++c) {
    threads.emplace_back([&, c] {
      Measurement& m = per_client[c];
      m.latencies_ns.reserve(1U << 16U);
      auto client = make_client(target.port, target.headers);
      const Call& call = target.call_for(c);
      ready.count_down();
      go.wait();
      // Warm-up: connect, fill caches. Not timed; failures show up in the measured loop.
      while (SteadyClock::now() < warm_end) send(*client, call);
      for (;;) {
        const auto started = SteadyClock::now();
        if (started >= end) break;
        httplib::Result result = send(*client, call);
        const auto done = SteadyClock::now();
        if (!result) {
          ++m.transport_errors;
          if (m.first_error.empty()) {
            m.first_error = call.method + " " + call.path + ": " +
                            httplib::to_string(result.error());
          }
          if (m.transport_errors >= k_give_up_after_transport_errors) break;
          continue;
        }
        m.latencies_ns.push_back(
            std::chrono::duration_cast<std::chrono::nanoseconds>(done - started).count());
        m.last_body_bytes = result->body.size();
        if (is_2xx(result->status)) {
          ++m.ok;
        } else {
          ++m.non_2xx;
          if (m.first_error.empty()) {
            m.first_error = call.method + " " + call.path + ": HTTP " +
                            std::to_string(result->status) + " " + truncated(result->body, 200);
          }
        }
      }
      finished[c] = SteadyClock::now();
    });
  }
  ready.wait();
  const auto start = SteadyClock::now();
  warm_end = start + std::chrono::duration_cast<SteadyClock::duration>(
                         std::chrono::duration<double>(settings.warmup));
  end = warm_end + std::chrono::duration_cast<SteadyClock::duration>(
                       std::chrono::duration<double>(seconds));
  go.count_down();
  for (auto& thread : threads) thread.join();

  Measurement total;
  for (auto& m : per_client) total.merge(std::move(m));
  // Requests still in flight at `end` finish after it; count the time they took.
  total.seconds = seconds_between(warm_end, *std::max_element(finished.begin(), finished.end()));
  return total;
}

}  // namespace

void Measurement::merge(Measurement&& other) {
  latencies_ns.insert(latencies_ns.end(), other.latencies_ns.begin(), other.latencies_ns.end());
  ok += other.ok;
  non_2xx += other.non_2xx;
  transport_errors += other.transport_errors;
  seconds += other.seconds;
  if (other.slice_rates.empty() && other.seconds > 0) {
    slice_rates.push_back(other.rate());
  } else {
    slice_rates.insert(slice_rates.end(), other.slice_rates.begin(), other.slice_rates.end());
  }
  if (other.last_body_bytes != 0) last_body_bytes = other.last_body_bytes;
  if (first_error.empty()) first_error = std::move(other.first_error);
}

Stats stats_of(Measurement& m) {
  Stats s;
  s.measured = m.seconds > 0;
  s.rate = m.rate();
  s.errors = m.errors();
  auto& lat = m.latencies_ns;
  if (lat.empty()) return s;
  std::sort(lat.begin(), lat.end());
  const auto rank = [&](double p) {
    // nearest rank: the smallest value with at least p of the samples at or below it
    const double position = p * static_cast<double>(lat.size());
    std::size_t index = static_cast<std::size_t>(position);
    if (static_cast<double>(index) < position) ++index;
    index = std::clamp<std::size_t>(index, 1, lat.size()) - 1;
    return static_cast<double>(lat[index]) / 1e6;
  };
  s.p50_ms = rank(0.50);
  s.p99_ms = rank(0.99);
  s.max_ms = static_cast<double>(lat.back()) / 1e6;
  return s;
}

std::vector<Measurement> measure(const std::vector<const Target*>& targets,
                                 const Settings& settings) {
  std::vector<Measurement> out(targets.size());
  const double slice = settings.seconds / static_cast<double>(settings.rounds);
  for (std::size_t round = 0; round < settings.rounds; ++round) {
    for (std::size_t k = 0; k < targets.size(); ++k) {
      const std::size_t i = round % 2 == 0 ? k : targets.size() - 1 - k;
      if (settings.only != "both" && (settings.only == "mock") != targets[i]->is_mock) continue;
      out[i].merge(run_slice(*targets[i], settings, slice));
    }
  }
  return out;
}

}  // namespace server_bench
