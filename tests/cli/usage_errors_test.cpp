// A refused command line exits with 2 and says, in one sentence, which flag is wrong, why,
// and where the help is; never CLI11's "The following arguments were not expected: json
// --log-format" or "Value abc not in range".
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/cli/support/run_command.hpp"

namespace cli_tests {
namespace {

const std::string k_binary = AM_BINARY;
const std::string k_cassette = std::string(AM_SOURCE_DIR) + "/cassettes/examples/seed_article_v2.json";

struct Case {
  std::vector<std::string> args;  // after the binary
  std::string says;
};

void expect_refused(const Case& c) {
  std::vector<std::string> args{k_binary};
  args.insert(args.end(), c.args.begin(), c.args.end());
  const Finished run = run_command(args);
  std::string line;
  for (const std::string& arg : c.args) line += " " + arg;
  EXPECT_EQ(run.status, 2) << line << "\n" << run.err;
  EXPECT_NE(run.err.find(c.says), std::string::npos) << line << "\nsays: " << run.err;
  EXPECT_EQ(run.err.find("The following argument"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("Run with --help"), std::string::npos) << run.err;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << "one line: " << run.err;
}

TEST(UsageErrors, AValueThatIsNotANumberSaysSo) {
  expect_refused({{"serve", "--port", "abc"},
                  "assistants-mock serve: --port abc is not a number (give a whole number from 0 to 65535); "
                  "see 'assistants-mock serve --help'"});
  expect_refused({{"record", "--cassette", "c.json", "--timeout-ms", "soon"}, "--timeout-ms soon is not a number"});
  expect_refused({{"replay", "--cassette", k_cassette, "--speed", "fast"}, "--speed fast is not a number"});
}

TEST(UsageErrors, ANegativeOrOutOfRangeNumberIsRefused) {
  // CLI11 reads "-1" into an unsigned seed as 2^64 - 1.
  expect_refused({{"serve", "--seed", "-1"}, "--seed -1 is negative (give a whole number, 0 or more)"});
  expect_refused({{"serve", "--port", "70000"}, "--port 70000 is out of range (give a whole number from 0 to 65535)"});
  expect_refused({{"replay", "--cassette", k_cassette, "--threads", "0"}, "--threads 0 is out of range"});
  expect_refused({{"replay", "--cassette", k_cassette, "--speed", "-2"}, "--speed -2 is too small"});
}

TEST(UsageErrors, AnUnknownFlagIsNamedWithTheCommandsHelp) {
  expect_refused({{"replay", "--log-formt", "json"},
                  "assistants-mock replay: unknown flag --log-formt; see 'assistants-mock replay --help'"});
  expect_refused({{"record", "--bogus=3"}, "assistants-mock record: unknown flag --bogus;"});
  expect_refused({{"serve", "stray"}, "assistants-mock serve: unexpected argument 'stray'"});
}

TEST(UsageErrors, AChoiceOrAFileThatIsNotThereIsNamed) {
  expect_refused({{"serve", "--log-format", "xml"}, "--log-format xml is not a choice (give text or json)"});
  expect_refused({{"serve", "--clock", "fast"}, "--clock fast is not a choice (give real or manual)"});
  expect_refused({{"serve", "--scenario", "/nonexistent/scenario.json"}, "--scenario /nonexistent/scenario.json: no such file"});
}

TEST(UsageErrors, AFlagWithoutItsValueOrACommandThatDoesNotExist) {
  expect_refused({{"serve", "--port"}, "assistants-mock serve: --port needs a value"});
  expect_refused({{"bogus"}, "assistants-mock: unknown command 'bogus' (the commands are serve, record, replay and check)"});
  expect_refused({{}, "assistants-mock: give a command: serve, record, replay or check"});
}

TEST(UsageErrors, APortFileThatCannotBeWrittenSaysWhy) {
  const Finished run = run_command({k_binary, "serve", "--port", "0", "--port-file", "/nonexistent/dir/x"});
  EXPECT_EQ(run.status, 1) << run.err;
  EXPECT_NE(run.err.find("cannot write --port-file /nonexistent/dir/x: No such file or directory"), std::string::npos)
      << run.err;
}

}  // namespace
}  // namespace cli_tests
