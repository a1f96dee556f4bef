#include "cli/serve_command.hpp"

#include <cstdint>
#include <iostream>
#include <limits>
#include <memory>

#include "cli/flag_checks.hpp"
#include "http/serve_until_signal.hpp"
#include "timeline/calendar_date.hpp"

namespace cli {

Command add_serve_command(CLI::App& app) {
  auto options_holder = std::make_shared<ServeOptions>();
  ServeOptions& options = *options_holder;
  CLI::App* serve = app.add_subcommand(
      "serve", "Run the stateful Assistants API mock server (v2, paths under /v1).");
  mock::MockServerConfig& config = options.config;
  options.server.http = config.http;
  add_server_options(*serve, options.server, /*log_by_default=*/true);
  serve->add_option("--seed", config.seed,
                    "Seed for object ids: the same seed gives the same id sequence")
      ->check(whole_number("--seed", 0, std::numeric_limits<std::uint64_t>::max()));
  serve->add_option("--api-key", config.api_key,
                    "Accept only this bearer key (any other answers 401 invalid_api_key); by "
                    "default any non-empty key is accepted");
  serve->add_option("--run-step-ms", config.run_step_ms,
                    "Milliseconds between two transitions of a run (queued -> in_progress -> ...)")
      ->capture_default_str()
      ->check(whole_number("--run-step-ms", 0, 3600000));
  serve->add_option("--poll-after-ms", config.poll_after_ms,
                    "Value of the openai-poll-after-ms header SDK pollers wait for")
      ->capture_default_str()
      ->check(whole_number("--poll-after-ms", 0, 60000));
  serve->add_option("--max-streams", config.max_streams,
                    "Runs streaming at once (each holds a connection); one more gets 429 "
                    "(too_many_streams) before its run is created. Default: 3/4 of --threads")
      ->check(whole_number("--max-streams", 1, 4096));
  serve->add_option("--max-file-bytes", config.file_limits.max_file_bytes,
                    "Largest file POST /v1/files keeps; larger uploads get 413")
      ->capture_default_str()
      ->check(whole_number("--max-file-bytes", 1, std::uint64_t{1} << 34U));
  serve->add_option("--max-files-total-bytes", config.file_limits.max_total_bytes,
                    "Bytes all kept files may hold together; an upload past it gets 413")
      ->capture_default_str()
      ->check(whole_number("--max-files-total-bytes", 1, std::uint64_t{1} << 40U));
  serve->add_option("--scenario", options.scenario_file,
                    "Scenario file (JSON) scripting the assistant; see the README")
      ->check(existing_file("--scenario"));
  serve->add_option("--clock", options.clock_mode,
                    "real: wall-clock time; manual: time moves only through "
                    "POST /__admin/clock/advance (starts at 2024-01-01T00:00:00Z)")
      ->capture_default_str()
      ->check(one_of("--clock", {"real", "manual"}));
  serve->add_option("--as-of", options.as_of,
                    "Answer as the live API did on this date (YYYY-MM-DD): Assistants before its "
                    "launch and after its 2026-08-26 sunset answer 404, v1 after its shutdown and v2 "
                    "before its launch answer 400; GET/PUT /__admin/as_of changes it at run time")
      ->check(calendar_date("--as-of"));
  return {serve, [options_holder] { return run_serve(*options_holder); }};
}

int run_serve(ServeOptions options) {
  if (!options.scenario_file.empty()) {
    try {
      options.config.scenario = mock::scenario::load_scenario_file(options.scenario_file);
    } catch (const mock::scenario::ScenarioError& error) {
      std::cerr << "assistants-mock: invalid scenario: " << error.what() << "\n";
      return 2;
    }
  }
  apply_server_options(options.server, options.config);
  options.config.manual_clock = options.clock_mode == "manual";
  if (!options.as_of.empty()) options.config.as_of = timeline::parse_date(options.as_of);
  options.config.log_requests = options.server.logs_requests(/*by_default=*/true);
  options.config.log_format = options.server.format();

  mock::block_stop_signals();
  mock::MockServer server(options.config);
  try {
    server.bind();
  } catch (const std::exception& error) {
    std::cerr << "assistants-mock: " << error.what() << "\n";
    return 1;
  }
  // Judged by the address actually bound, not by the name given: "localhost" may be
  // either loopback, and a name that looks local need not resolve to one.
  if (!server.loopback_only()) {
    std::cerr << "assistants-mock: " << mock::http::exposure_warning(options.config.http.host) << "\n";
  }
  mock::ServeHooks hooks;
  hooks.serve = [&server] { return server.serve(); };
  hooks.stop = [&server] { server.stop(); };
  hooks.finish = [&options] {
    if (!options.server.quiet) std::cerr << "assistants-mock: stopped\n";
  };
  // The mock has nothing to save: answers in flight get a moment, open streams are closed.
  hooks.grace = std::chrono::milliseconds(1000);
  hooks.port_file = options.server.port_file;
  return mock::serve_until_signal(server.base_url(), hooks);
}

}  // namespace cli
