// assistants-mock: one CLI, one subcommand per job.
#include <CLI/CLI.hpp>

#include "cli/serve_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"assistants-mock: a record/replay mock and contract-testing harness for the "
               "OpenAI Assistants API."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("assistants-mock 0.1.0"));
  cli::ServeOptions serve;
  cli::add_serve_command(app, serve);
  CLI11_PARSE(app, argc, argv);
  if (app.got_subcommand("serve")) return cli::run_serve(serve);
  return 2;
}
