#include "cli/listen_options.hpp"

namespace cli {

void add_listen_options(CLI::App& command, mock::http::HttpServerConfig& http, std::string& port_file) {
  command.add_option("--host", http.host, "Address to bind; loopback unless you mean it")->capture_default_str();
  command.add_option("--port", http.port, "Port to bind; 0 picks a free one")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  command.add_option("--port-file", port_file,
                     "Also write the URL served on to this file once listening (for harnesses that start "
                     "the server with --port 0)");
}

}  // namespace cli
