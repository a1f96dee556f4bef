#include "cassettes/durable_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace cassettes {
namespace {

tl::unexpected<CassetteError> os_error(const std::string& what, const std::filesystem::path& path) {
  return tl::unexpected(CassetteError{what + " " + path.string() + ": " + std::strerror(errno)});
}

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

// A rename or a new file is durable only once its directory entry is synced too.
void sync_directory(const std::filesystem::path& file) {
  std::filesystem::path directory = file.parent_path();
  if (directory.empty()) directory = ".";
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

tl::expected<std::string, CassetteError> read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return os_error("cannot read", path);
  std::string content;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size > 0) {
    content.resize(static_cast<std::size_t>(size));
    in.read(content.data(), size);
  }
  if (!in) return os_error("cannot read", path);
  return content;
}

tl::expected<void, CassetteError> write_file_atomically(const std::filesystem::path& path,
                                                         std::string_view content) {
  static std::atomic<unsigned> counter{0};
  std::filesystem::path temporary = path;
  temporary += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return os_error("cannot create", temporary);
  if (!write_all(fd, content) || ::fsync(fd) != 0) {
    auto error = os_error("cannot write", temporary);
    ::close(fd);
    ::unlink(temporary.c_str());
    return error;
  }
  ::close(fd);
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    auto error = os_error("cannot replace", path);
    ::unlink(temporary.c_str());
    return error;
  }
  sync_directory(path);
  return {};
}

std::size_t remove_abandoned_temporaries(const std::filesystem::path& path) {
  std::filesystem::path directory = path.parent_path();
  if (directory.empty()) directory = ".";
  const std::string prefix = path.filename().string() + ".tmp-";
  std::size_t removed = 0;
  std::error_code error;
  // Stepped with error codes: tidying up must never turn an append into an exception.
  for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
    const std::filesystem::path& entry = it->path();
    const std::string name = entry.filename().string();
    if (!name.starts_with(prefix)) continue;
    // NAME.tmp-PID-N: only a writer that is gone cannot be in the middle of a rename.
    const std::string pid_text = name.substr(prefix.size(), name.find('-', prefix.size()) - prefix.size());
    char* parsed_to = nullptr;
    const long pid = std::strtol(pid_text.c_str(), &parsed_to, 10);
    if (pid_text.empty() || *parsed_to != '\0' || pid <= 0) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;
    if (std::filesystem::remove(entry, ignored)) ++removed;
  }
  return removed;
}

AppendOnlyFile::~AppendOnlyFile() { close(); }

void AppendOnlyFile::close() {
  if (m_fd >= 0) ::close(m_fd);
  m_fd = -1;
}

tl::expected<void, CassetteError> AppendOnlyFile::reset(const std::filesystem::path& path,
                                                         std::string_view first_content) {
  close();
  m_path = path;
  m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
  if (m_fd < 0) return os_error("cannot create", path);
  if (!write_all(m_fd, first_content) || ::fsync(m_fd) != 0) {
    auto error = os_error("cannot write", path);
    close();
    return error;
  }
  m_size = static_cast<off_t>(first_content.size());
  sync_directory(path);
  return {};
}

tl::expected<void, CassetteError> AppendOnlyFile::append(std::string_view content) {
  if (m_fd < 0) return tl::unexpected(CassetteError{"journal " + m_path.string() + " is not open"});
  // One write() per entry: a process killed mid-append leaves at most one partial last line.
  if (!write_all(m_fd, content) || ::fdatasync(m_fd) != 0) {
    auto error = os_error("cannot append to", m_path);
    // A disk that filled up mid-write leaves part of the line behind; the next entry would
    // be glued to it and the reader would drop both and everything after them.
    if (::ftruncate(m_fd, m_size) != 0) close();
    return error;
  }
  m_size += static_cast<off_t>(content.size());
  return {};
}

}  // namespace cassettes
