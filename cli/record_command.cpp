// `assistants-mock record`: flags -> RecordConfig -> serve until SIGINT/SIGTERM, then
// save the cassette. See recorder/record_server.hpp for what a session does.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/flag_checks.hpp"
#include "cli/server_options.hpp"
#include "http/serve_until_signal.hpp"
#include "recorder/record_server.hpp"

namespace cli {
namespace {

struct RecordOptions {
  recorder::RecordConfig config;  // its http, admin_token and journal_size come from `server`
  ServerOptions server;
  std::string cassette;
  std::string mode = "once";
};

void print_line(const char* prefix, const std::string& line) {
  // One call per line, so lines from concurrent requests do not interleave.
  std::fprintf(stderr, "%s%s\n", prefix, line.c_str());
}

int run_record(RecordOptions options) {
  recorder::RecordConfig& config = options.config;
  static constexpr const char* k_prefix = "assistants-mock record: ";
  const auto usage_error = [&](const std::string& message) {
    print_line(k_prefix, message);
    return 2;
  };
  if (options.cassette.empty()) return usage_error("--cassette PATH is required");
  config.cassette = options.cassette;
  auto mode = recorder::parse_record_mode(options.mode);
  if (!mode) return usage_error("--mode: " + mode.error());
  config.mode = *mode;
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
  auto server = recorder::RecordServer::create(config);
  if (!server) return usage_error(server.error());
  try {
    (*server)->bind();
  } catch (const std::exception& error) {
    print_line(k_prefix, error.what());
    return 1;
  }
  if (!options.server.quiet) print_line(k_prefix, (*server)->summary());
  recorder::RecordServer& session = **server;
  mock::ServeHooks hooks;
  hooks.serve = [&session] { return session.serve(); };
  hooks.stop = [&session] { session.stop(); };
  hooks.finish = [&session, &options] {
    if (auto saved = session.finish(); !saved) {
      print_line(k_prefix, "could not save the cassette: " + saved.error().message +
                               " (the journal beside it keeps every exchange; the next load recovers them)");
    } else if (!options.server.quiet) {
      print_line(k_prefix,
                 "stopped; " + std::to_string(session.recorded()) + " exchange(s) recorded into " + options.cassette);
    }
  };
  hooks.port_file = options.server.port_file;
  return mock::serve_until_signal(session.base_url(), hooks);
}

}  // namespace

Command add_record_command(CLI::App& app) {
  auto options = std::make_shared<RecordOptions>();
  recorder::RecordConfig& config = options->config;
  options->server.http.port = recorder::k_default_record_port;
  CLI::App* record = app.add_subcommand(
      "record",
      "Forward every request to an upstream API and record the exchanges into a cassette; point your client's "
      "base URL at this server. --mode decides between recording and replaying.");
  record->add_option("--cassette", options->cassette, "Cassette file to record into (required)");
  record->add_option("--upstream", config.upstream, "Base URL requests are forwarded to")->capture_default_str();
  record->add_option("--mode", options->mode,
                     "none: replay only; once: record if the cassette does not exist, else replay; "
                     "new_episodes: replay matches, record the rest; all: re-record everything")
      ->capture_default_str();
  record->add_option("--match-on", config.match_on,
                     "Comma-separated matchers deciding a replay hit: method, path, query, json_body, body, "
                     "header:NAME")
      ->capture_default_str();
  add_server_options(*record, options->server, /*log_by_default=*/false);
  record->add_option("--redact-header", config.redaction.headers,
                     "Also replace this header's value with [REDACTED] in the cassette (repeatable); "
                     "Authorization, OpenAI-Organization/-Project, cookies and *api-key*/*token* headers always are");
  record->add_option("--redact-json-path", config.redaction.json_paths,
                     "Replace the value at this JSON path in request and response bodies (repeatable), "
                     "e.g. metadata.user_email or data.*.metadata.token");
  record->add_option("--connect-timeout-ms", config.connect_timeout_ms, "Time-out for connecting to the upstream")
      ->capture_default_str()
      ->check(whole_number("--connect-timeout-ms", 1, 600'000));
  record->add_option("--timeout-ms", config.timeout_ms, "Time-out for a whole exchange, streams included")
      ->capture_default_str()
      ->check(whole_number("--timeout-ms", 1, 86'400'000));
  record->add_option("--ca-file", config.ca_file,
                     "CA certificates (PEM) to trust for the upstream (a private CA, a self-signed server); "
                     "verification is never turned off");
  return {record, [options] { return run_record(*options); }};
}

}  // namespace cli
