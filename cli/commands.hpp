#pragma once
// The subcommands. Each add_*_command declares its flags on `app` and returns how to run it.
#include <functional>
#include <vector>

#include <CLI/CLI.hpp>

namespace cli {

struct Command {
  CLI::App* app;             // the subcommand, to see whether it was chosen
  std::function<int()> run;  // exit status: 0 ok, 1 failure, 2 usage error
};

Command add_serve_command(CLI::App& app);    // serve_command.cpp
Command add_record_command(CLI::App& app);   // record_command.cpp
Command add_replay_command(CLI::App& app);   // replay_command.cpp
Command add_check_command(CLI::App& app);    // check_command.cpp

inline std::vector<Command> all_commands(CLI::App& app) {
  return {add_serve_command(app), add_record_command(app), add_replay_command(app),
          add_check_command(app)};
}

}  // namespace cli
