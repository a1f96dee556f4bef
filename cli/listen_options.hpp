#pragma once
// The flags serve, record and replay share: where to listen, and where to tell a harness
// that started the process with --port 0 which URL it got.
#include <string>

#include <CLI/CLI.hpp>

#include "mock/http/http_server.hpp"

namespace cli {

// --host, --port and --port-file FILE.
void add_listen_options(CLI::App& command, mock::http::HttpServerConfig& http, std::string& port_file);

}  // namespace cli
