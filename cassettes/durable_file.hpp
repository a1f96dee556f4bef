#pragma once
// File writes that survive a crash: a whole file replaced atomically (temporary file in
// the same directory, fsync, rename, fsync of the directory), and an append-only file
// whose every append is on disk before the call returns.
#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "cassettes/cassette_error.hpp"

namespace cassettes {

tl::expected<std::string, CassetteError> read_whole_file(const std::filesystem::path& path);

// Readers see the old content or the new, never a mix or a truncated file.
tl::expected<void, CassetteError> write_file_atomically(const std::filesystem::path& path,
                                                         std::string_view content);

// Removes the temporary files that write_file_atomically(path) left behind when a process
// was killed mid-write (their writer no longer runs). Returns how many it removed.
std::size_t remove_abandoned_temporaries(const std::filesystem::path& path);

class AppendOnlyFile {
public:
  AppendOnlyFile() = default;
  ~AppendOnlyFile();
  AppendOnlyFile(const AppendOnlyFile&) = delete;
  AppendOnlyFile& operator=(const AppendOnlyFile&) = delete;

  // Creates or empties `path`, writes `first_content`, and syncs file and directory. On
  // failure the file is closed: what it holds is not a base to append to.
  tl::expected<void, CassetteError> reset(const std::filesystem::path& path, std::string_view first_content);
  // Appends and waits until the bytes are on disk (fdatasync). On failure (disk full,
  // read-only) the file is cut back to what it held before, so a later append does not
  // land behind half a line; if even that fails, the file is closed.
  tl::expected<void, CassetteError> append(std::string_view content);
  bool is_open() const { return m_fd >= 0; }
  void close();

private:
  int m_fd = -1;
  off_t m_size = 0;  // the bytes that went in whole
  std::filesystem::path m_path;
};

}  // namespace cassettes
