// `assistants-mock replay`: flags -> ReplayConfig -> serve recorded answers until
// SIGINT/SIGTERM. See recorder/replay_server.hpp for cassette selection and admin routes.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/listen_options.hpp"
#include "recorder/replay_server.hpp"
#include "mock/server/serve_until_signal.hpp"

namespace cli {
namespace {

struct ReplayOptions {
  recorder::ReplayConfig config;
  std::string cassette;
  bool log_requests = false;
  bool quiet = false;
  std::string port_file;
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
  config.notice = [](const std::string& line) { print_line(k_prefix, line); };
  if (options.log_requests) config.log = config.notice;

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
  if (!options.quiet) print_line(k_prefix, (*server)->summary());
  recorder::ReplayServer& replay = **server;
  mock::ServeHooks hooks;
  hooks.serve = [&replay] { return replay.serve(); };
  hooks.stop = [&replay] { replay.stop(); };
  hooks.finish = [] {};
  hooks.port_file = options.port_file;
  return mock::serve_until_signal(replay.base_url(), hooks);
}

}  // namespace

Command add_replay_command(CLI::App& app) {
  auto options = std::make_shared<ReplayOptions>();
  recorder::ReplayConfig& config = options->config;
  config.http.port = recorder::k_default_replay_port;
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
      ->capture_default_str();
  add_listen_options(*replay, config.http, options->port_file);
  replay->add_option("--redact-header", config.redaction.headers,
                     "Redact this header before matching too (repeatable); the cassette's own rules always apply");
  replay->add_option("--redact-json-path", config.redaction.json_paths,
                     "Redact this JSON body path before matching too (repeatable)");
  replay->add_option("--threads", config.http.threads, "Worker threads = concurrent connections served")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{4096}));
  replay->add_option("--journal-size", config.journal_size,
                    "Requests kept for GET /__admin/requests (oldest dropped first); 0 turns the journal off")
      ->capture_default_str();
  replay->add_flag("--log-requests", options->log_requests,
                   "One line per request on stderr: method, path, status, which recording answered, time");
  replay->add_flag("--quiet,-q", options->quiet, "Print nothing but errors");
  return {replay, [options] { return run_replay(*options); }};
}

}  // namespace cli
