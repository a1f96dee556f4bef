// serve, record and replay bind to loopback unless told otherwise, and say so loudly on
// stderr when they are not: judged by the address actually bound, so "localhost" is quiet
// and 0.0.0.0 (every interface) is not. The wildcard binds below are to port 0 and live for
// a moment; nothing connects to them.
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/hostile/support/program.hpp"

namespace hostile {
namespace {

std::vector<std::string> command(const std::string& which, const std::string& host, const std::filesystem::path& dir) {
  std::vector<std::string> args = {AM_BINARY, which, "--port", "0"};
  if (!host.empty()) args.insert(args.end(), {"--host", host});
  if (which == "record") args.insert(args.end(), {"--upstream", "http://127.0.0.1:9", "--cassette", (dir / "r.json").string()});
  if (which == "replay") args.insert(args.end(), {"--cassette", std::string(AM_SOURCE_DIR) + "/cassettes/examples"});
  return args;
}

// Starts, waits until it listens, stops; returns what it printed on stderr.
std::string stderr_of(const std::string& which, const std::string& host) {
  const TempDir dir("hostile-exposure");
  Program program(command(which, host, dir.path()), dir.path(), "exposure-" + which, minimal_environment());
  const std::string url = program.wait_for_url();
  EXPECT_FALSE(url.empty()) << which << " " << host << ": " << program.stderr_text();
  program.stop();
  return program.stderr_text();
}

TEST(ExposureWarning, LoopbackIsTheDefaultAndIsQuiet) {
  for (const std::string which : {"serve", "record", "replay"}) {
    const TempDir dir("hostile-exposure");
    Program program(command(which, "", dir.path()), dir.path(), "default-" + which, minimal_environment());
    EXPECT_EQ(program.wait_for_url().rfind("http://127.0.0.1:", 0), 0U) << which << ": " << program.stderr_text();
    program.stop();
    EXPECT_EQ(program.stderr_text().find("WARNING"), std::string::npos) << which << ": " << program.stderr_text();
    EXPECT_EQ(stderr_of(which, "localhost").find("WARNING"), std::string::npos) << which << " on localhost";
  }
}

TEST(ExposureWarning, EveryInterfaceIsAnnouncedLoudly) {
  for (const std::string which : {"serve", "record", "replay"}) {
    const std::string printed = stderr_of(which, "0.0.0.0");
    EXPECT_NE(printed.find("WARNING: listening on 0.0.0.0, reachable from other machines"), std::string::npos)
        << which << ": " << printed;
  }
}

}  // namespace
}  // namespace hostile
