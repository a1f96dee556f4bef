#pragma once
// `assistants-mock serve`: flags -> MockServerConfig -> run until SIGINT/SIGTERM.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

#include "mock/server/mock_server.hpp"

namespace cli {

struct ServeOptions {
  mock::MockServerConfig config;
  bool quiet = false;
  std::string scenario_file;
  std::string clock_mode = "real";
  std::string log_format = "text";
  std::string port_file;
};

int run_serve(ServeOptions options);

}  // namespace cli
