#pragma once
// A server under test as its own process: the built `assistants-mock` with a subcommand and
// flags, on 127.0.0.1 and a free port, so that its memory is its own and its flags are the
// ones a user types. Stopped with SIGTERM (SIGKILL after 10 s) when it goes.
#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace scale_bench {

class ChildServer {
public:
  // Starts `binary subcommand args... --host 127.0.0.1 --port 0 --port-file F --quiet` and
  // waits (up to 20 s) for it to listen; throws std::runtime_error if it does not.
  ChildServer(const std::filesystem::path& binary, const std::string& subcommand, std::vector<std::string> args);
  ~ChildServer();
  ChildServer(const ChildServer&) = delete;
  ChildServer& operator=(const ChildServer&) = delete;

  int port() const { return m_port; }
  pid_t pid() const { return m_pid; }
  // Resident memory now and at its peak (VmRSS, VmHWM), in MiB.
  double rss_mib() const;
  double peak_rss_mib() const;
  std::size_t threads() const;  // the process's threads now
  // SIGTERM and wait for it to exit; true if it exited with status 0.
  bool stop();

private:
  pid_t m_pid = -1;
  int m_port = -1;
  std::filesystem::path m_port_file;
};

// The first number after `field:` in /proc/PID/status (kB for memory fields), or 0.
double proc_status_field(pid_t pid, const std::string& field);

}  // namespace scale_bench
