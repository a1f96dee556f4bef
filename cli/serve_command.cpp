#include "cli/serve_command.hpp"

#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

namespace cli {
namespace {
bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.starts_with("127.");
}
}  // namespace

void add_serve_command(CLI::App& app, ServeOptions& options) {
  CLI::App* serve = app.add_subcommand(
      "serve", "Run the stateful Assistants API mock server (v2, paths under /v1).");
  mock::MockServerConfig& config = options.config;
  serve->add_option("--host", config.http.host, "Address to bind; loopback unless you mean it")
      ->capture_default_str();
  serve->add_option("--port", config.http.port, "Port to bind; 0 picks a free one")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  serve->add_option("--seed", config.seed,
                    "Seed for object ids: the same seed gives the same id sequence");
  serve->add_option("--api-key", config.api_key,
                    "Accept only this bearer key (any other answers 401 invalid_api_key); by "
                    "default any non-empty key is accepted");
  serve->add_option("--run-step-ms", config.run_step_ms,
                    "Milliseconds between two transitions of a run (queued -> in_progress -> ...)")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{3600000}));
  serve->add_option("--poll-after-ms", config.poll_after_ms,
                    "Value of the openai-poll-after-ms header SDK pollers wait for")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{60000}));
  serve->add_option("--threads", config.http.threads,
                    "Worker threads, i.e. concurrent keep-alive connections served")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{4096}));
  serve->add_option("--max-body-bytes", config.http.max_body_bytes,
                    "Larger request bodies are refused with 413 before they are read")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 34U));
  serve->add_flag("--log-requests", config.log_requests,
                  "Log one line per request (method, path, status, time) on stderr");
  serve->add_flag("--quiet,-q", options.quiet, "Print nothing but errors");
}

int run_serve(const ServeOptions& options) {
  // Block the stop signals in every thread; one thread waits for them and stops the server.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  mock::MockServer server(options.config);
  try {
    server.bind();
  } catch (const std::exception& error) {
    std::cerr << "assistants-mock: " << error.what() << "\n";
    return 1;
  }
  if (!is_loopback(options.config.http.host)) {
    std::cerr << "assistants-mock: WARNING: listening on " << options.config.http.host
              << ", reachable from other machines. The mock has no real authentication.\n";
  }
  // One machine-readable line, so a harness started with --port 0 learns the URL.
  std::printf("listening on %s\n", server.base_url().c_str());
  std::fflush(stdout);

  std::thread signal_waiter([&server, stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
  });
  const bool ok = server.serve();
  if (signal_waiter.joinable()) {
    // serve() can also end on its own (socket error): wake the waiter so it can exit.
    pthread_kill(signal_waiter.native_handle(), SIGTERM);
    signal_waiter.join();
  }
  if (!options.quiet) std::cerr << "assistants-mock: stopped\n";
  return ok ? 0 : 1;
}

}  // namespace cli
