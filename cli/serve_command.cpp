#include "cli/serve_command.hpp"

#include <memory>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <cstdio>
#include <iostream>
#include <thread>

namespace cli {
namespace {
// Written to a temporary name and renamed, so a harness polling for the file never
// reads half a URL.
bool write_port_file(const std::string& path, const std::string& url) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << url << "\n";
    if (!out.flush()) return false;
  }
  return std::rename(temporary.c_str(), path.c_str()) == 0;
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.starts_with("127.");
}
}  // namespace

Command add_serve_command(CLI::App& app) {
  auto options_holder = std::make_shared<ServeOptions>();
  ServeOptions& options = *options_holder;
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
  serve->add_option("--max-file-bytes", config.file_limits.max_file_bytes,
                    "Largest file POST /v1/files keeps; larger uploads get 413")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 34U));
  serve->add_option("--max-files-total-bytes", config.file_limits.max_total_bytes,
                    "Bytes all kept files may hold together; an upload past it gets 413")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40U));
  serve->add_option("--scenario", options.scenario_file,
                    "Scenario file (JSON) scripting the assistant; see the README")
      ->check(CLI::ExistingFile);
  serve->add_option("--clock", options.clock_mode,
                    "real: wall-clock time; manual: time moves only through "
                    "POST /__admin/clock/advance (starts at 2024-01-01T00:00:00Z)")
      ->capture_default_str()
      ->check(CLI::IsMember({"real", "manual"}));
  serve->add_option("--log-format", options.log_format,
                    "Request log lines on stderr: text or json (one object a line)")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "json"}));
  serve->add_option("--journal-size", config.journal_size,
                    "Requests kept for GET /__admin/requests (oldest dropped first); 0 turns "
                    "the journal off")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000000}));
  serve->add_option("--admin-token", config.admin_token,
                    "Require 'X-Admin-Token: TOKEN' on /__admin calls (they are open by default; "
                    "cross-origin browser calls are always refused)");
  serve->add_option("--port-file", options.port_file,
                    "Also write the URL served on to this file once listening (for harnesses "
                    "that start the server with --port 0)");
  serve->add_flag("--quiet,-q", options.quiet,
                  "Print nothing but errors (no request log, no start/stop lines)");
  return {serve, [options_holder] { return run_serve(*options_holder); }};
}

int run_serve(ServeOptions options) {
  if (!options.scenario_file.empty()) {
    try {
      options.config.scenario = mock::assistants::load_scenario_file(options.scenario_file);
    } catch (const mock::assistants::ScenarioError& error) {
      std::cerr << "assistants-mock: invalid scenario: " << error.what() << "\n";
      return 2;
    }
  }
  options.config.manual_clock = options.clock_mode == "manual";
  options.config.log_requests = !options.quiet;
  options.config.log_format =
      options.log_format == "json" ? mock::observe::LogFormat::json : mock::observe::LogFormat::text;

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
  if (!options.port_file.empty() && !write_port_file(options.port_file, server.base_url())) {
    std::cerr << "assistants-mock: cannot write --port-file " << options.port_file << "\n";
    return 1;
  }

  std::atomic<bool> served{false};
  std::thread signal_waiter([&server, &served, stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    if (served) return;  // woken by the main thread: serve() already ended
    server.stop();
    // httplib lets an idle keep-alive connection hold its worker for the keep-alive
    // timeout (5 s) before stop() completes. Nothing is left to flush by then, so give
    // the workers a moment and then leave without waiting for idle sockets.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    if (!served) {
      std::fflush(nullptr);
      std::_Exit(0);
    }
  });
  const bool ok = server.serve();
  served = true;
  pthread_kill(signal_waiter.native_handle(), SIGTERM);
  signal_waiter.join();
  if (!options.quiet) std::cerr << "assistants-mock: stopped\n";
  return ok ? 0 : 1;
}

}  // namespace cli
