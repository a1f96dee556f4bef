// assistants-mock: one CLI, one subcommand per job. Each command lives in its own file:
// it declares its flags and runs.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/usage_errors.hpp"

int main(int argc, char** argv) {
  CLI::App app{"assistants-mock: a record/replay mock and contract-testing harness for the "
               "OpenAI Assistants API."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("assistants-mock 0.1.0"));
  std::vector<cli::Command> commands = cli::all_commands(app);
  app.failure_message(cli::describe_usage_error);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version exit 0; any other parse error is a usage error: exit 2, as `check`
    // documents, rather than CLI11's own codes (105, 109, ...).
    const int printed = app.exit(error);
    return printed == 0 ? 0 : 2;
  }
  for (cli::Command& command : commands) {
    if (command.app->parsed()) return command.run();
  }
  return 2;
}
