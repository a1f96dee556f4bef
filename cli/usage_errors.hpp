#pragma once
// How a command line CLI11 refuses is told to the user: one sentence that names the flag
// and the fix, then where the help is. CLI11's own messages read "The following arguments
// were not expected: json --log-format" (in reverse order) or "Value abc not in range".
#include <string>

#include <CLI/CLI.hpp>

namespace cli {

// For CLI::App::failure_message on the top-level app: `app` is that app, `error` the parse
// error; the chosen subcommand, if any, is found from `app`.
std::string describe_usage_error(const CLI::App* app, const CLI::Error& error);

}  // namespace cli
