#pragma once
// What the Files handlers use. `on_deleted` lets other surfaces forget a deleted file
// (vector stores detach it) without the Files code knowing them.
#include <functional>
#include <optional>
#include <string>

#include "mock/core/clock.hpp"
#include "mock/core/id_generator.hpp"
#include "mock/files/file_store.hpp"

namespace mock::files {

struct FileServices {
  FileStore& store;
  core::Clock& clock;
  core::IdGenerator& ids;
  const std::optional<std::string>& api_key;  // when set, any other bearer key is refused
  std::function<void(const std::string& file_id)> on_deleted;  // after the file is gone
};

}  // namespace mock::files
