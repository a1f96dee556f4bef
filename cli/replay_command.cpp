// `assistants-mock replay`: flags -> ReplayConfig -> serve recorded answers until
// SIGINT/SIGTERM. See recorder/replay_server.hpp for cassette selection and admin routes.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/flag_checks.hpp"
#include "cli/server_options.hpp"
#include "http/serve_until_signal.hpp"
#include "recorder/replay_server.hpp"

namespace cli {
namespace {

struct ReplayOptions {
  recorder::ReplayConfig config;  // its http, admin_token and journal_size come from `server`
  ServerOptions server;
  std::string cassette;
};

void print_line(const char* prefix, const std::string& line) {
  std::fprintf(stderr, "%s%s\n", prefix, line.c_str());
}

int run_replay(ReplayOptions options) {
  recorder::ReplayConfig& config = options.config;
  static constexpr const char* k_prefix = "assistants-mock replay: ";
  if (options.cassette.empty()) {
    print_line(k_prefix, "--cassette PATH|DIR is required");
    return 2;
  }
  config.cassette = options.cassette;
  apply_server_options(options.server, config);
  config.notice = [](const std::string& line) { print_line(k_prefix, line); };
  if (options.server.logs_requests(/*by_default=*/false)) {
    config.log_format = options.server.format();
    // A JSON line stands alone, as serve writes it, so that a reader can parse each line.
    config.log = config.log_format == mock::observe::LogFormat::json
                     ? recorder::LogLine([](const std::string& line) { print_line("", line); })
                     : config.notice;
  }

  mock::block_stop_signals();
  auto server = recorder::ReplayServer::create(config);
  if (!server) {
    print_line(k_prefix, server.error());
    return 2;
  }
  try {
    (*server)->bind();
  } catch (const std::exception& error) {
    print_line(k_prefix, error.what());
    return 1;
  }
  if (!options.server.quiet) print_line(k_prefix, (*server)->summary());
  recorder::ReplayServer& replay = **server;
  mock::ServeHooks hooks;
  hooks.serve = [&replay] { return replay.serve(); };
  hooks.stop = [&replay] { replay.stop(); };
  hooks.finish = [] {};
  hooks.port_file = options.server.port_file;
  return mock::serve_until_signal(replay.base_url(), hooks);
}

}  // namespace

Command add_replay_command(CLI::App& app) {
  auto options = std::make_shared<ReplayOptions>();
  recorder::ReplayConfig& config = options->config;
  options->server.http.port = recorder::k_default_replay_port;
  CLI::App* replay = app.add_subcommand(
      "replay",
      "Serve the recorded answers of a cassette, offline. With a directory, each request picks its cassette with "
      "the header 'X-Cassette: NAME' (or POST /__admin/cassette {\"name\": NAME} sets a default).");
  replay->add_option("--cassette", options->cassette, "Cassette file, or a directory of cassettes (required)");
  replay->add_option("--match-on", config.match_on,
                     "Comma-separated matchers: method, path, query, json_body, body, header:NAME")
      ->capture_default_str();
  replay->add_option("--speed", config.speed,
                     "Replay recorded timing divided by this (1 = as recorded, 2 = twice as fast); 0 = no delays")
      ->capture_default_str()
      ->check(decimal_number("--speed", 0));
  add_server_options(*replay, options->server, /*log_by_default=*/false);
  replay->add_option("--redact-header", config.redaction.headers,
                     "Redact this header before matching too (repeatable); the cassette's own rules always apply");
  replay->add_option("--redact-json-path", config.redaction.json_paths,
                     "Redact this JSON body path before matching too (repeatable)");
  return {replay, [options] { return run_replay(*options); }};
}

}  // namespace cli
