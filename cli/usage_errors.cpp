#include "cli/usage_errors.hpp"

#include <vector>

namespace cli {
namespace {

constexpr const char* k_program = "assistants-mock";

// "--log-format" of "--log-format=json"; "" for an argument that is not a flag.
std::string flag_name(const std::string& argument) {
  if (argument.size() < 2 || argument.front() != '-') return "";
  return argument.substr(0, argument.find('='));
}

// CLI11 prefixes a validator's message with "NAME: "; flag_checks.cpp's messages name the
// flag themselves.
std::string without_name_prefix(const std::string& message) {
  const std::size_t colon = message.find(": ");
  if (colon == std::string::npos) return message;
  const std::string rest = message.substr(colon + 2);
  return rest.starts_with("-") ? rest : message;
}

// "serve, record, replay and check", with `last` ("and", "or") before the last.
std::string command_list(const CLI::App* app, const std::string& last) {
  std::vector<std::string> names;
  for (const CLI::App* command : app->get_subcommands({})) names.push_back(command->get_name());
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " " + last + " " : ", ";
    out += names[i];
  }
  return out;
}

std::string problem(const CLI::App* app, const CLI::App* command, const CLI::Error& error) {
  const std::string what = error.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    // The command's own extras, else the program's (a flag given before the command).
    std::vector<std::string> extras = command != nullptr ? command->remaining() : std::vector<std::string>{};
    if (extras.empty()) extras = app->remaining(true);
    for (const std::string& extra : extras) {
      if (const std::string flag = flag_name(extra); !flag.empty()) return "unknown flag " + flag;
    }
    if (!extras.empty()) return "unexpected argument '" + extras.front() + "'";
    return what;
  }
  if (dynamic_cast<const CLI::ValidationError*>(&error) != nullptr) return without_name_prefix(what);
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
    // "--port: 1 required INT missing"
    if (const std::size_t colon = what.find(':'); colon != std::string::npos && what.starts_with("-")) {
      return what.substr(0, colon) + " needs a value";
    }
    return what;
  }
  if (dynamic_cast<const CLI::ConversionError*>(&error) != nullptr) {
    // "Could not convert: --speed = abc"
    const std::string prefix = "Could not convert: ";
    if (what.starts_with(prefix)) {
      const std::string rest = what.substr(prefix.size());
      const std::size_t equals = rest.find(" = ");
      if (equals != std::string::npos) {
        return rest.substr(0, equals) + " " + rest.substr(equals + 3) + " is not a value it takes";
      }
    }
    return what;
  }
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr && command == nullptr) {
    const std::vector<std::string> given = app->remaining();
    if (!given.empty() && flag_name(given.front()).empty()) {
      return "unknown command '" + given.front() + "' (the commands are " + command_list(app, "and") + ")";
    }
    if (!given.empty()) return "unknown flag " + flag_name(given.front()) + " (give a command first)";
    return "give a command: " + command_list(app, "or");
  }
  return what;
}

}  // namespace

std::string describe_usage_error(const CLI::App* app, const CLI::Error& error) {
  const std::vector<CLI::App*> chosen = app->get_subcommands();
  const CLI::App* command = chosen.empty() ? nullptr : chosen.front();
  const std::string name = command != nullptr ? std::string(k_program) + " " + command->get_name() : k_program;
  return name + ": " + problem(app, command, error) + "; see '" + name + " --help'\n";
}

}  // namespace cli
