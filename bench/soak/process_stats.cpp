#include "bench/soak/process_stats.hpp"

#include <dirent.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace soak {
namespace {
std::string proc_path(pid_t pid, const char* what) {
  return "/proc/" + std::to_string(pid) + "/" + what;
}

// Inodes of sockets listening (state 0A) on `port`, from a /proc/net/tcp-style table.
void listening_inodes(const char* table, int port, std::set<std::string>& inodes) {
  std::ifstream in(table);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
    fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >>
        timeout >> inode;
    const auto colon = local.rfind(':');
    if (state != "0A" || colon == std::string::npos) continue;
    if (std::strtol(local.c_str() + colon + 1, nullptr, 16) == port) inodes.insert(inode);
  }
}

template <class Fn>
void for_each_numeric_entry(const std::string& directory, Fn&& fn) {
  DIR* dir = opendir(directory.c_str());
  if (dir == nullptr) return;
  while (const dirent* entry = readdir(dir)) {
    char* end = nullptr;
    const long number = std::strtol(entry->d_name, &end, 10);
    if (end != entry->d_name && *end == '\0') {
      if (!fn(entry->d_name, number)) break;
    }
  }
  closedir(dir);
}
}  // namespace

std::optional<long> resident_kib(pid_t pid) {
  std::ifstream in(proc_path(pid, "status"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("VmRSS:")) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return std::nullopt;
}

std::optional<std::size_t> open_fds(pid_t pid) {
  const std::string directory = proc_path(pid, "fd");
  if (access(directory.c_str(), R_OK | X_OK) != 0) return std::nullopt;
  std::size_t count = 0;
  for_each_numeric_entry(directory, [&](const char*, long) {
    ++count;
    return true;
  });
  // Reading the directory opens one descriptor of our own; it is not the process's.
  return pid == getpid() && count > 0 ? count - 1 : count;
}

std::optional<pid_t> pid_listening_on(int port) {
  std::set<std::string> inodes;
  listening_inodes("/proc/net/tcp", port, inodes);
  listening_inodes("/proc/net/tcp6", port, inodes);
  if (inodes.empty()) return std::nullopt;
  std::optional<pid_t> found;
  for_each_numeric_entry("/proc", [&](const char* name, long pid) {
    const std::string fd_dir = std::string("/proc/") + name + "/fd";
    for_each_numeric_entry(fd_dir, [&](const char* fd, long) {
      std::array<char, 128> target{};
      const std::string link = fd_dir + "/" + fd;
      const ssize_t n = readlink(link.c_str(), target.data(), target.size() - 1);
      if (n <= 0) return true;
      const std::string text(target.data(), static_cast<std::size_t>(n));
      if (text.starts_with("socket:[") && inodes.count(text.substr(8, text.size() - 9)) > 0) {
        found = static_cast<pid_t>(pid);
        return false;
      }
      return true;
    });
    return !found;
  });
  return found;
}

}  // namespace soak
