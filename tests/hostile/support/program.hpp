#pragma once
// The built assistants-mock as a child process whose stdout and stderr both go to files, so a
// test can read every byte it printed, started with an environment of the test's choosing.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace hostile {

class Program {
public:
  // Runs `args` (args[0] is the executable) with exactly `environment` ("NAME=value" each).
  Program(const std::vector<std::string>& args, const std::filesystem::path& output_dir, const std::string& name,
          const std::vector<std::string>& environment);
  ~Program();  // SIGKILL if still running
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  // The URL of its `listening on URL` line; "" if it exited or did not print one in time.
  std::string wait_for_url(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // SIGTERM, then the exit status (128 + signal if killed by one).
  int stop();

  std::string stdout_text() const;
  std::string stderr_text() const;
  const std::filesystem::path& stdout_path() const { return m_stdout; }
  const std::filesystem::path& stderr_path() const { return m_stderr; }

private:
  int wait_for_exit();

  pid_t m_pid = -1;
  bool m_exited = false;
  int m_status = -1;
  std::filesystem::path m_stdout;
  std::filesystem::path m_stderr;
};

// The environment a child gets when a test wants it clean of proxies: PATH, HOME, and
// sanitizer settings only.
std::vector<std::string> minimal_environment();

std::string read_file(const std::filesystem::path& path);

// A fresh directory under the system's temporary one, removed with everything in it. Each
// program a test starts writes its output into one of its own: ctest runs tests in
// parallel, and two programs sharing an output file read each other's lines.
class TempDir {
public:
  explicit TempDir(const std::string& stem = "hostile");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }

private:
  std::filesystem::path m_path;
};

}  // namespace hostile
