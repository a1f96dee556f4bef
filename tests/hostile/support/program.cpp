#include "tests/hostile/support/program.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace hostile {

Program::Program(const std::vector<std::string>& args, const std::filesystem::path& output_dir,
                 const std::string& name, const std::vector<std::string>& environment)
    : m_stdout(output_dir / (name + ".stdout")), m_stderr(output_dir / (name + ".stderr")) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, m_stdout.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, m_stderr.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (const std::string& entry : environment) envp.push_back(const_cast<char*>(entry.c_str()));
  envp.push_back(nullptr);
  const int failed = posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (failed != 0) throw std::runtime_error("cannot start " + args[0]);
}

Program::~Program() {
  if (m_pid > 0 && !m_exited) {
    ::kill(m_pid, SIGKILL);
    wait_for_exit();
  }
}

std::string Program::wait_for_url(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const std::string prefix = "listening on ";
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string text = stdout_text();
    const std::size_t at = text.find(prefix);
    const std::size_t end = at == std::string::npos ? std::string::npos : text.find('\n', at);
    if (end != std::string::npos) return text.substr(at + prefix.size(), end - at - prefix.size());
    int status = 0;
    if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_exited = true;
      m_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return "";
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return "";
}

int Program::stop() {
  if (!m_exited) ::kill(m_pid, SIGTERM);
  return wait_for_exit();
}

int Program::wait_for_exit() {
  if (m_exited) return m_status;
  int status = 0;
  ::waitpid(m_pid, &status, 0);
  m_exited = true;
  m_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return m_status;
}

std::string Program::stdout_text() const { return read_file(m_stdout); }
std::string Program::stderr_text() const { return read_file(m_stderr); }

std::vector<std::string> minimal_environment() {
  std::vector<std::string> out;
  for (const char* name : {"PATH", "HOME", "ASAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS", "LSAN_OPTIONS"}) {
    if (const char* value = std::getenv(name)) out.push_back(std::string(name) + "=" + value);
  }
  return out;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TempDir::TempDir(const std::string& stem) {
  std::string pattern = (std::filesystem::temp_directory_path() / (stem + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  m_path = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(m_path, ignored);
}

}  // namespace hostile
