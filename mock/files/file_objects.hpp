#pragma once
// A File as the mock keeps it: the object's fields plus the uploaded bytes. The bytes are
// shared, immutable, so a download reads them after the store lock is released.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace mock::files {

struct StoredFile {
  std::string id;  // "file-" + 24 alphanumerics
  std::int64_t created_at = 0;  // Unix seconds
  std::optional<std::int64_t> expires_at;
  std::string filename;
  std::string purpose;
  std::string content_type;  // what GET /files/{id}/content answers with
  std::shared_ptr<const std::string> content;

  std::int64_t bytes() const { return content ? static_cast<std::int64_t>(content->size()) : 0; }
};

}  // namespace mock::files
