#pragma once
// `assistants-mock serve`: flags -> MockServerConfig -> run until SIGINT/SIGTERM.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/server_options.hpp"

#include "mock/server/mock_server.hpp"

namespace cli {

struct ServeOptions {
  mock::MockServerConfig config;  // its http, admin_token and journal_size come from `server`
  ServerOptions server;
  std::string scenario_file;
  std::string clock_mode = "real";
  std::string as_of;  // YYYY-MM-DD, checked by the flag; empty: no date
};

int run_serve(ServeOptions options);

}  // namespace cli
