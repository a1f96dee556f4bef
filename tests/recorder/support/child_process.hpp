#pragma once
// The built assistants-mock binary as a child process: started with arguments, its
// `listening on URL` line read from stdout, its stderr kept in a file, stopped by a signal.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace recorder_tests {

class ChildProcess {
public:
  ChildProcess(const std::vector<std::string>& args, const std::filesystem::path& stderr_file) : m_stderr(stderr_file) {
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<char*> argv;
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    const int failed = posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    m_stdout = out[0];
    if (failed != 0) throw std::runtime_error("cannot start " + args[0]);
  }
  ~ChildProcess() {
    if (m_pid > 0 && !m_exited) {
      ::kill(m_pid, SIGKILL);
      wait_for_exit();
    }
    if (m_stdout >= 0) ::close(m_stdout);
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The URL from `listening on URL`, or "" if the process ended first.
  std::string wait_for_url() {
    std::string text;
    char buffer[256];
    while (text.find('\n') == std::string::npos) {
      const ssize_t got = ::read(m_stdout, buffer, sizeof(buffer));
      if (got <= 0) return "";
      text.append(buffer, static_cast<std::size_t>(got));
    }
    const std::string prefix = "listening on ";
    const std::size_t at = text.find(prefix);
    if (at == std::string::npos) return "";
    return text.substr(at + prefix.size(), text.find('\n', at) - at - prefix.size());
  }

  void signal(int number) const { ::kill(m_pid, number); }

  // The exit status, or 128 + the signal that ended it.
  int wait_for_exit() {
    if (m_exited) return m_status;
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_exited = true;
    m_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return m_status;
  }

  std::string stderr_text() const {
    std::ifstream in(m_stderr);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

private:
  pid_t m_pid = -1;
  int m_stdout = -1;
  bool m_exited = false;
  int m_status = -1;
  std::filesystem::path m_stderr;
};

}  // namespace recorder_tests
