#include <iostream>

#include "cli/commands.hpp"

namespace cli {

Command add_check_command(CLI::App& app) {
  CLI::App* command = app.add_subcommand("check", "(not built yet)");
  return {command, [] {
            std::cerr << "assistants-mock check: not built yet\n";
            return 1;
          }};
}

}  // namespace cli
