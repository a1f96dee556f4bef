#include "mock/files/file_store.hpp"

#include "http/api_error.hpp"
#include "mock/core/id_generator.hpp"

namespace mock::files {
namespace {
http::ApiError too_large(const std::string& message, const char* code) {
  return {413, message, "invalid_request_error", std::nullopt, code};
}
}  // namespace

StoredFile FileStore::add(StoredFile file) {
  const auto size = static_cast<std::size_t>(file.bytes());
  if (size > m_limits.max_file_bytes) {
    throw too_large("File too large: '" + file.filename + "' is " + std::to_string(size) +
                        " bytes, and this server keeps files of at most " +
                        std::to_string(m_limits.max_file_bytes) + " bytes (--max-file-bytes).",
                    "file_too_large");
  }
  std::lock_guard lock(m_mutex);
  if (m_state.total_bytes + size > m_limits.max_total_bytes) {
    throw too_large("Not enough file storage: the files kept hold " +
                        std::to_string(m_state.total_bytes) + " bytes, '" + file.filename +
                        "' (" + std::to_string(size) + " bytes) would take them past " +
                        std::to_string(m_limits.max_total_bytes) +
                        " bytes (--max-files-total-bytes). Delete files to make room.",
                    "file_storage_limit_exceeded");
  }
  m_state.total_bytes += size;
  return m_state.files.insert(std::move(file));
}

std::optional<StoredFile> FileStore::find(const std::string& id) {
  std::lock_guard lock(m_mutex);
  const StoredFile* file = m_state.files.find(id);
  if (file == nullptr) return std::nullopt;
  return *file;
}

bool FileStore::remove(const std::string& id) {
  std::lock_guard lock(m_mutex);
  const StoredFile* file = m_state.files.find(id);
  if (file == nullptr) return false;
  m_state.total_bytes -= static_cast<std::size_t>(file->bytes());
  m_state.files.erase(id);
  return true;
}

void FileStore::reset() {
  std::lock_guard lock(m_mutex);
  m_state.files.clear();
  m_state.total_bytes = 0;
}

StoredFile require_file(FileStore& store, const std::string& id, const std::string& param) {
  if (!core::has_id_prefix(id, "file-")) {
    throw http::errors::wrong_id_prefix(param, id, "file");
  }
  auto file = store.find(id);
  if (!file) throw http::errors::not_found("file", id);
  return std::move(*file);
}

}  // namespace mock::files
