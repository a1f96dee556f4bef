#pragma once
// `assistants-mock serve`: flags -> MockServerConfig -> run until SIGINT/SIGTERM.
#include <CLI/CLI.hpp>

#include "mock/server/mock_server.hpp"

namespace cli {

struct ServeOptions {
  mock::MockServerConfig config;
  bool quiet = false;
  std::string scenario_file;
  std::string clock_mode = "real";
};

void add_serve_command(CLI::App& app, ServeOptions& options);
int run_serve(ServeOptions options);

}  // namespace cli
