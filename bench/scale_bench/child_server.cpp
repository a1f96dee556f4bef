#include "bench/scale_bench/child_server.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace scale_bench {
namespace {
using namespace std::chrono_literals;

std::filesystem::path fresh_port_file() {
  static int counter = 0;
  return std::filesystem::temp_directory_path() /
         ("scale-bench-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".url");
}

}  // namespace

double proc_status_field(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) != 0) continue;
    std::istringstream rest(line.substr(field.size() + 1));
    double value = 0;
    rest >> value;
    return value;
  }
  return 0;
}

ChildServer::ChildServer(const std::filesystem::path& binary, const std::string& subcommand,
                         std::vector<std::string> args)
    : m_port_file(fresh_port_file()) {
  std::error_code ignored;
  std::filesystem::remove(m_port_file, ignored);
  std::vector<std::string> argv{binary.string(), subcommand};
  argv.insert(argv.end(), args.begin(), args.end());
  for (const char* extra : {"--host", "127.0.0.1", "--port", "0", "--quiet"}) argv.emplace_back(extra);
  argv.emplace_back("--port-file");
  argv.push_back(m_port_file.string());
  std::vector<char*> pointers;
  for (std::string& arg : argv) pointers.push_back(arg.data());
  pointers.push_back(nullptr);

  m_pid = ::fork();
  if (m_pid < 0) throw std::runtime_error("fork failed");
  if (m_pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
      ::dup2(null, STDOUT_FILENO);
    }
    ::execv(pointers[0], pointers.data());
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (std::chrono::steady_clock::now() < deadline) {
    std::ifstream in(m_port_file);
    std::string url;
    if (in >> url && url.find_last_of(':') != std::string::npos) {
      m_port = std::stoi(url.substr(url.find_last_of(':') + 1));
      return;
    }
    int status = 0;
    if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_pid = -1;
      throw std::runtime_error(binary.string() + " " + subcommand + " exited at start-up");
    }
    std::this_thread::sleep_for(10ms);
  }
  stop();
  throw std::runtime_error(binary.string() + " " + subcommand + " did not start listening within 20 s");
}

ChildServer::~ChildServer() { stop(); }

double ChildServer::rss_mib() const { return proc_status_field(m_pid, "VmRSS") / 1024.0; }

double ChildServer::peak_rss_mib() const { return proc_status_field(m_pid, "VmHWM") / 1024.0; }

std::size_t ChildServer::threads() const { return static_cast<std::size_t>(proc_status_field(m_pid, "Threads")); }

bool ChildServer::stop() {
  if (m_pid <= 0) return false;
  ::kill(m_pid, SIGTERM);
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (::waitpid(m_pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(m_pid, SIGKILL);
      ::waitpid(m_pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(10ms);
  }
  m_pid = -1;
  std::error_code ignored;
  std::filesystem::remove(m_port_file, ignored);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace scale_bench
