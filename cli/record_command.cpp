#include <iostream>

#include "cli/commands.hpp"

namespace cli {

Command add_record_command(CLI::App& app) {
  CLI::App* command = app.add_subcommand("record", "(not built yet)");
  return {command, [] {
            std::cerr << "assistants-mock record: not built yet\n";
            return 1;
          }};
}

}  // namespace cli
