#pragma once
// The flags serve, record and replay share, declared here once so that each is accepted by
// all three and means the same in each: where to listen and how many connections to serve,
// how long a request may take, the admin API's token and journal, the request log, and the
// --port-file that tells a harness started with --port 0 which URL it got.
#include <cstddef>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "http/http_server.hpp"
#include "observe/journal.hpp"
#include "observe/request_log.hpp"

namespace cli {

struct ServerOptions {
  mock::http::HttpServerConfig http;  // set http.port to the command's default first
  std::string port_file;
  std::optional<std::string> admin_token;
  std::size_t journal_size = mock::observe::Journal::k_default_capacity;
  std::string log_format;  // "text", "json", or "" when not given (text)
  bool log_requests = false;
  bool quiet = false;

  mock::observe::LogFormat format() const;
  // Whether to write the request log: when on by default (serve) or asked for with
  // --log-requests or --log-format, and never with --quiet.
  bool logs_requests(bool by_default) const;
};

// Declares the shared flags on `command`. `log_by_default`: whether the command logs each
// request without --log-requests (serve does; record and replay do not).
void add_server_options(CLI::App& command, ServerOptions& options, bool log_by_default);

// Copies the shared settings into a server's config: MockServerConfig, RecordConfig and
// ReplayConfig all name them alike.
template <class Config>
void apply_server_options(const ServerOptions& options, Config& config) {
  config.http = options.http;
  config.admin_token = options.admin_token;
  config.journal_size = options.journal_size;
}

}  // namespace cli
