#pragma once
// Every uploaded File and its bytes, in memory, behind one lock, within two bounds: the
// size of one file and the bytes of all files together. Crossing either is a 413 in the
// OpenAI error envelope, so a client sees why, and the server never grows without bound.
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "mock/core/ordered_collection.hpp"
#include "mock/files/file_objects.hpp"

namespace mock::files {

struct FileLimits {
  std::size_t max_file_bytes = std::size_t{16} << 20U;    // --max-file-bytes
  std::size_t max_total_bytes = std::size_t{256} << 20U;  // --max-files-total-bytes
};

struct FilesState {
  core::OrderedCollection<StoredFile> files;
  std::size_t total_bytes = 0;  // sum of the kept contents
};

class FileStore {
public:
  explicit FileStore(FileLimits limits = {}) : m_limits(limits) {}

  template <class Fn>
  decltype(auto) with_state(Fn&& fn) {
    std::lock_guard lock(m_mutex);
    return std::forward<Fn>(fn)(m_state);
  }

  // Keeps `file` (its id must be new) and returns the stored copy. Throws ApiError 413
  // when it is larger than max_file_bytes or would take the total past max_total_bytes.
  StoredFile add(StoredFile file);
  // A copy of the file (the bytes are shared, not copied), or nullopt.
  std::optional<StoredFile> find(const std::string& id);
  // Forgets the file and its bytes; false if there was none.
  bool remove(const std::string& id);
  void reset();

  const FileLimits& limits() const { return m_limits; }

private:
  FileLimits m_limits;
  std::mutex m_mutex;
  FilesState m_state;
};

// 404 "No file found with id 'file-...'." unless the store holds the file (400 for a wrong
// prefix first, as the service checks it). `param` names the id in that 400.
StoredFile require_file(FileStore& store, const std::string& id,
                        const std::string& param = "file_id");

}  // namespace mock::files
