// `assistants-mock record`: flags -> RecordConfig -> serve until SIGINT/SIGTERM, then
// save the cassette. See recorder/record_server.hpp for what a session does.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/listen_options.hpp"
#include "recorder/record_server.hpp"
#include "mock/server/serve_until_signal.hpp"

namespace cli {
namespace {

struct RecordOptions {
  recorder::RecordConfig config;
  std::string cassette;
  std::string mode = "once";
  bool log_requests = false;
  bool quiet = false;
  std::string port_file;
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
  config.notice = [](const std::string& line) { print_line(k_prefix, line); };
  if (options.log_requests) config.log = config.notice;

  mock::block_stop_signals();
  auto server = recorder::RecordServer::create(config);
  if (!server) return usage_error(server.error());
  try {
    (*server)->bind();
  } catch (const std::exception& error) {
    print_line(k_prefix, error.what());
    return 1;
  }
  if (!options.quiet) print_line(k_prefix, (*server)->summary());
  recorder::RecordServer& session = **server;
  mock::ServeHooks hooks;
  hooks.serve = [&session] { return session.serve(); };
  hooks.stop = [&session] { session.stop(); };
  hooks.finish = [&session, &options] {
    if (auto saved = session.finish(); !saved) {
      print_line(k_prefix, "could not save the cassette: " + saved.error().message +
                               " (the journal beside it keeps every exchange; the next load recovers them)");
    } else if (!options.quiet) {
      print_line(k_prefix,
                 "stopped; " + std::to_string(session.recorded()) + " exchange(s) recorded into " + options.cassette);
    }
  };
  hooks.port_file = options.port_file;
  return mock::serve_until_signal(session.base_url(), hooks);
}

}  // namespace

Command add_record_command(CLI::App& app) {
  auto options = std::make_shared<RecordOptions>();
  recorder::RecordConfig& config = options->config;
  config.http.port = recorder::k_default_record_port;
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
  add_listen_options(*record, config.http, options->port_file);
  record->add_option("--redact-header", config.redaction.headers,
                     "Also replace this header's value with [REDACTED] in the cassette (repeatable); "
                     "Authorization, OpenAI-Organization/-Project, cookies and *api-key*/*token* headers always are");
  record->add_option("--redact-json-path", config.redaction.json_paths,
                     "Replace the value at this JSON path in request and response bodies (repeatable), "
                     "e.g. metadata.user_email or data.*.metadata.token");
  record->add_option("--connect-timeout-ms", config.connect_timeout_ms, "Time-out for connecting to the upstream")
      ->capture_default_str()
      ->check(CLI::Range(1L, 600'000L));
  record->add_option("--timeout-ms", config.timeout_ms, "Time-out for a whole exchange, streams included")
      ->capture_default_str()
      ->check(CLI::Range(1L, 86'400'000L));
  record->add_option("--threads", config.http.threads, "Worker threads = concurrent connections served")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{4096}));
  record->add_option("--ca-file", config.ca_file,
                     "CA certificates (PEM) to trust for the upstream (a private CA, a self-signed server); "
                     "verification is never turned off");
  record->add_option("--journal-size", config.journal_size,
                    "Requests kept for GET /__admin/requests (oldest dropped first); 0 turns the journal off")
      ->capture_default_str();
  record->add_flag("--log-requests", options->log_requests,
                   "One line per request on stderr: method, path, status, replayed/recorded, time "
                   "(never headers, query or bodies)");
  record->add_flag("--quiet,-q", options->quiet, "Print nothing but errors");
  return {record, [options] { return run_record(*options); }};
}

}  // namespace cli
