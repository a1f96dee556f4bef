// The README's flag tables and each command's --help name the same flags, both ways: a flag
// added without its row, or a row whose flag is gone, fails here. A table is tied to the
// commands it documents by a comment on the line before it, `<!-- flags: serve record -->`;
// a command's flags are the union of its tables. Only long flags (--x) are compared: the
// help's own --help and positional arguments have no row.
#include <cctype>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/cli/support/run_command.hpp"

namespace cli_tests {
namespace {

const std::string k_binary = AM_BINARY;
const std::string k_readme = std::string(AM_SOURCE_DIR) + "/README.md";

using FlagSet = std::set<std::string>;

// Every "--name" in `text`.
FlagSet long_flags_in(const std::string& text) {
  FlagSet flags;
  for (std::size_t at = text.find("--"); at != std::string::npos; at = text.find("--", at + 2)) {
    std::size_t end = at + 2;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-')) ++end;
    if (end > at + 2 && (at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1])))) {
      flags.insert(text.substr(at, end - at));
    }
  }
  return flags;
}

// The flags of a CLI11 help page: each option line starts with its names, "-q,--quiet".
FlagSet flags_in_help(const std::string& help) {
  FlagSet flags;
  std::istringstream lines(help);
  for (std::string line; std::getline(lines, line);) {
    const std::size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos || line[start] != '-') continue;
    const std::string names = line.substr(start, line.find(' ', start) - start);
    for (const std::string& flag : long_flags_in(names)) {
      if (flag != "--help") flags.insert(flag);
    }
  }
  return flags;
}

// The first cell of a table row, "`--host`, `--port`" of "| `--host`, `--port` | ... |";
// "\|" inside a cell is not a cell border.
std::string first_cell(const std::string& row) {
  std::string cell;
  for (std::size_t i = 1; i < row.size(); ++i) {
    if (row[i] == '|' && row[i - 1] != '\\') break;
    cell += row[i];
  }
  return cell;
}

// For each command, the flags in the README tables marked for it.
std::map<std::string, FlagSet> flags_in_readme(const std::string& readme) {
  std::map<std::string, FlagSet> flags;
  std::istringstream lines(readme);
  const std::string marker = "<!-- flags:";
  std::vector<std::string> commands;  // of the table being read, or the one about to start
  bool in_table = false;
  int row = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(marker)) {
      std::istringstream names(line.substr(marker.size(), line.find("-->") - marker.size()));
      commands.clear();
      for (std::string name; names >> name;) commands.push_back(name);
      for (const std::string& command : commands) flags[command];  // a table with no flag still counts
      in_table = false;
      row = 0;
      continue;
    }
    if (commands.empty()) continue;
    if (!line.starts_with("|")) {
      if (in_table) commands.clear();  // the table ended
      continue;
    }
    in_table = true;
    if (++row <= 2) continue;  // the header and the |---| line
    for (const std::string& flag : long_flags_in(first_cell(line))) {
      for (const std::string& command : commands) flags[command].insert(flag);
    }
  }
  return flags;
}

std::string listed(const FlagSet& flags) {
  std::string out;
  for (const std::string& flag : flags) out += " " + flag;
  return out.empty() ? " (none)" : out;
}

class ReadmeFlags : public ::testing::TestWithParam<std::string> {};

TEST_P(ReadmeFlags, TheTablesListEveryFlagOfHelpAndNoOther) {
  const std::string command = GetParam();
  const Finished help = run_command({k_binary, command, "--help"});
  ASSERT_EQ(help.status, 0) << help.err;
  const FlagSet in_help = flags_in_help(help.out);
  ASSERT_GT(in_help.size(), 2U) << "the help page was not read: " << help.out;

  const std::map<std::string, FlagSet> readme = flags_in_readme(file_text(k_readme));
  const auto tables = readme.find(command);
  ASSERT_NE(tables, readme.end()) << "no README table is marked <!-- flags: ... " << command << " -->";

  FlagSet undocumented;
  FlagSet stale;
  for (const std::string& flag : in_help) {
    if (!tables->second.contains(flag)) undocumented.insert(flag);
  }
  for (const std::string& flag : tables->second) {
    if (!in_help.contains(flag)) stale.insert(flag);
  }
  EXPECT_TRUE(undocumented.empty()) << "'" << command << " --help' has flags no README row lists:" << listed(undocumented);
  EXPECT_TRUE(stale.empty()) << "README rows list flags '" << command << " --help' does not have:" << listed(stale);
}

INSTANTIATE_TEST_SUITE_P(Commands, ReadmeFlags, ::testing::Values("serve", "record", "replay", "check"));

// The parsers themselves, on text shaped like what they read.
TEST(ReadmeFlagsParsing, ReadsHelpLinesAndMarkedTables) {
  EXPECT_EQ(flags_in_help("Options:\n  -h,--help  Print\n  --threads,--max-connections UINT:1..4  Connections\n"
                          "  -q,--quiet  Quiet\nPositionals:\n  inputs TEXT ...  Cassettes\n"),
            (FlagSet{"--threads", "--max-connections", "--quiet"}));
  const std::string readme =
      "| flag | x |\n|---|---|\n| `--ignored` | unmarked |\n\n"
      "<!-- flags: serve record -->\n| flag | default |\n|---|---|\n| `--host`, `--port` | a \\| b --not-this |\n"
      "| `--clock real\\|manual` | c |\n\ntext --nor-this\n";
  const auto flags = flags_in_readme(readme);
  EXPECT_EQ(flags.at("serve"), (FlagSet{"--host", "--port", "--clock"}));
  EXPECT_EQ(flags.at("record"), flags.at("serve"));
  EXPECT_FALSE(flags.contains("replay"));
}

}  // namespace
}  // namespace cli_tests
