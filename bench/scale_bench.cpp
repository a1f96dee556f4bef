// scale-bench: how the server holds up as things grow (issue 24): slow clients and open
// streams against the default capacity, wrk beside the bare cpp-httplib server (p99 at 64
// connections, POST create and modify), replay from 14 vs 10,000 exchanges, and recording
// the first vs the last thousand of 10,000. Loopback only; every phase is bounded in time.
// See bench/README.md, "scale-bench".
#include <cstdio>
#include <exception>
#include <filesystem>

#include <CLI/CLI.hpp>

#include "bench/scale_bench/capacity.hpp"
#include "bench/scale_bench/cassette_scale.hpp"
#include "bench/scale_bench/settings.hpp"
#include "bench/scale_bench/throughput.hpp"

#ifndef AM_BINARY
#define AM_BINARY "assistants-mock"
#endif

int main(int argc, char** argv) {
  scale_bench::Settings settings;
  settings.binary = AM_BINARY;
  settings.work_dir = std::filesystem::temp_directory_path() / "scale-bench";
  CLI::App app{"scale-bench: capacity, tail latency, POST and cassette scale of assistants-mock"};
  app.add_option("--binary", settings.binary, "The assistants-mock to run")->capture_default_str();
  app.add_option("--scenario", settings.scenario, "all, wrk, slow, streams, replay or record")
      ->check(CLI::IsMember({"all", "wrk", "slow", "streams", "replay", "record"}))
      ->capture_default_str();
  app.add_option("--runs", settings.runs, "wrk rows: runs per side, alternating")->capture_default_str()->check(CLI::Range(1, 20));
  app.add_option("--seconds", settings.seconds, "wrk rows: seconds per run")->capture_default_str()->check(CLI::Range(1.0, 60.0));
  app.add_option("--streams", settings.streams, "streamed runs opened at once")->capture_default_str()->check(CLI::Range(1, 4000));
  app.add_option("--work-dir", settings.work_dir, "where cassettes are written (a disk: recording syncs)")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  const auto wants = [&](const char* name) { return settings.scenario == "all" || settings.scenario == name; };
  bool ok = true;
  try {
    if (wants("slow")) ok = scale_bench::run_slow_clients(settings) && ok;
    if (wants("streams")) ok = scale_bench::run_open_streams(settings) && ok;
    if (wants("wrk")) ok = scale_bench::run_throughput(settings) && ok;
    if (wants("replay")) ok = scale_bench::run_replay_scale(settings) && ok;
    if (wants("record")) ok = scale_bench::run_record_scale(settings) && ok;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "scale-bench: %s\n", error.what());
    return 2;
  }
  std::printf("\n%s\n", ok ? "all targets met" : "some target missed (see above)");
  return ok ? 0 : 1;
}
