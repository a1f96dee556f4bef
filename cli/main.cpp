// assistants-mock: one CLI, one subcommand per job. Each command lives in its own file:
// it declares its flags and runs.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"assistants-mock: a record/replay mock and contract-testing harness for the "
               "OpenAI Assistants API."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("assistants-mock 0.1.0"));
  std::vector<cli::Command> commands = cli::all_commands(app);
  CLI11_PARSE(app, argc, argv);
  for (cli::Command& command : commands) {
    if (command.app->parsed()) return command.run();
  }
  return 2;
}
