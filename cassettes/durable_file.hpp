#pragma once
// File writes that survive a crash: a whole file replaced atomically (temporary file in
// the same directory, fsync, rename, fsync of the directory), and an append-only file
// whose every append is on disk before the call returns.
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

class AppendOnlyFile {
public:
  AppendOnlyFile() = default;
  ~AppendOnlyFile();
  AppendOnlyFile(const AppendOnlyFile&) = delete;
  AppendOnlyFile& operator=(const AppendOnlyFile&) = delete;

  // Creates or empties `path`, writes `first_content`, and syncs file and directory.
  tl::expected<void, CassetteError> reset(const std::filesystem::path& path, std::string_view first_content);
  // Appends and waits until the bytes are on disk (fdatasync).
  tl::expected<void, CassetteError> append(std::string_view content);
  bool is_open() const { return m_fd >= 0; }
  void close();

private:
  int m_fd = -1;
  std::filesystem::path m_path;
};

}  // namespace cassettes
