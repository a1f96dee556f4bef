#include <iostream>

#include "cli/commands.hpp"

namespace cli {

Command add_replay_command(CLI::App& app) {
  CLI::App* command = app.add_subcommand("replay", "(not built yet)");
  return {command, [] {
            std::cerr << "assistants-mock replay: not built yet\n";
            return 1;
          }};
}

}  // namespace cli
