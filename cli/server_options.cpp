#include "cli/server_options.hpp"

#include "cli/flag_checks.hpp"

namespace cli {

mock::observe::LogFormat ServerOptions::format() const {
  return log_format == "json" ? mock::observe::LogFormat::json : mock::observe::LogFormat::text;
}

bool ServerOptions::logs_requests(bool by_default) const {
  return !quiet && (by_default || log_requests || !log_format.empty());
}

void add_server_options(CLI::App& command, ServerOptions& options, bool log_by_default) {
  mock::http::HttpServerConfig& http = options.http;
  command.add_option("--host", http.host, "Address to bind; loopback unless you mean it")->capture_default_str();
  command.add_option("--port", http.port, "Port to bind; 0 picks a free one")
      ->capture_default_str()
      ->check(whole_number("--port", 0, 65535));
  command.add_option("--port-file", options.port_file,
                     "Also write the URL served on to this file once listening (for harnesses that start "
                     "the server with --port 0)");
  command.add_option("--threads,--max-connections", http.threads,
                     "Connections served at once, each on a thread started when it connects (idle "
                     "threads exit after 10 s); one more gets 503 (server_overloaded) after a short "
                     "wait, idle keep-alive connections yield")
      ->capture_default_str()
      ->check(whole_number("--threads", 1, 4096));
  command.add_option("--read-timeout", http.read_timeout_seconds,
                     "Seconds a request may stay silent before it is cut off with 408")
      ->capture_default_str()
      ->check(whole_number("--read-timeout", 1, 3600));
  command.add_option("--request-timeout", http.request_timeout_seconds,
                     "Seconds a request's headers and body may take to arrive in all (408 after)")
      ->capture_default_str()
      ->check(whole_number("--request-timeout", 1, 3600));
  command.add_option("--max-body-bytes", http.max_body_bytes,
                     "Larger request bodies are refused with 413 before they are read")
      ->capture_default_str()
      ->check(whole_number("--max-body-bytes", 1024, std::uint64_t{1} << 34U));
  command.add_option("--journal-size", options.journal_size,
                     "Requests kept for GET /__admin/requests (oldest dropped first); 0 turns the journal "
                     "off, and its routes then answer 409 journal_disabled")
      ->capture_default_str()
      ->check(whole_number("--journal-size", 0, 1000000));
  command.add_option("--admin-token", options.admin_token,
                     "Require 'X-Admin-Token: TOKEN' on /__admin calls (they are open by default; "
                     "cross-origin browser calls are always refused)");
  command.add_flag("--log-requests", options.log_requests,
                   log_by_default ? "One line per request on stderr (the default here; --quiet turns it off): "
                                    "method, path, status, time, what served it; never headers, query or bodies"
                                  : "One line per request on stderr: method, path, status, what served it, time; "
                                    "never headers, query or bodies");
  command.add_option("--log-format", options.log_format,
                     log_by_default ? "Request log lines: text (default) or json (one object a line)"
                                    : "Request log lines: text (default) or json (one object a line); giving it "
                                      "turns the log on")
      ->check(one_of("--log-format", {"text", "json"}));
  command.add_flag("--quiet,-q", options.quiet,
                   "Print nothing but errors (no request log, no start and stop lines)");
}

}  // namespace cli
