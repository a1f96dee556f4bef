// soak: many clients repeat whole Assistants flows against one mock server for a while,
// then the server's state, memory and descriptors are checked. See bench/README.md.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <thread>

#include <CLI/CLI.hpp>

#include "bench/soak/report.hpp"
#include "bench/soak/soak_run.hpp"

#if defined(__SANITIZE_ADDRESS__)
// ASan keeps freed memory in quarantine, up to 256 MiB plus 1 MiB per thread by default
// (~150 threads here): that alone would look like growth, and hide any real growth the
// soak is meant to see. ASAN_OPTIONS still overrides these.
extern "C" const char* __asan_default_options() {
  return "quarantine_size_mb=32:thread_local_quarantine_size_kb=64";
}
#endif

int main(int argc, char** argv) {
  soak::Settings settings;
  CLI::App app{"soak: concurrent Assistants flows against one mock server, then its invariants"};
  app.add_option("--seconds", settings.seconds, "how long clients start new flows")
      ->check(CLI::PositiveNumber);
  app.add_option("--clients", settings.clients, "concurrent clients, one connection each")
      ->check(CLI::Range(1, 512));
  app.add_option("--warmup", settings.warmup_seconds,
                 "seconds before the warm RSS sample (default: min(10, seconds/4))");
  app.add_option("--url", settings.url, "a running server on loopback, e.g. http://127.0.0.1:4010");
  app.add_option("--pid", settings.server_pid,
                 "with --url: the server's pid (default: found by its port)");
  app.add_option("--api-key", settings.api_key, "bearer key to send");
  app.add_option("--admin-token", settings.admin_token,
                 "X-Admin-Token for /__admin, if the server wants one");
  app.add_option("--fd-growth-max", settings.fd_growth_max,
                 "descriptors the server may hold beyond the start");
  app.add_option("--rss-growth-max-mib", settings.rss_growth_max_mib,
                 "override the RSS growth bound");
  CLI11_PARSE(app, argc, argv);

  // The soak stops by itself; the watchdog only catches a hang (exit 3).
  const double limit = settings.seconds * 3 + 120;
  std::thread([limit] {
    std::this_thread::sleep_for(std::chrono::duration<double>(limit));
    std::fprintf(stderr, "soak: watchdog: no result after %.0f s, aborting\n", limit);
    std::_Exit(3);
  }).detach();

  try {
    return soak::report(settings, soak::run_soak(settings));
  } catch (const soak::SetupError& error) {
    std::fprintf(stderr, "soak: %s\n", error.what.c_str());
    return 2;
  } catch (const std::exception& error) {  // the in-process server could not start
    std::fprintf(stderr, "soak: %s\n", error.what());
    return 2;
  }
}
