#pragma once
// Files and vector stores for GET /__admin/state: every object in its wire shape, stores
// with their files and batches. Applies the ingestions due first, so the dump is current.
#include "http/json.hpp"
#include "mock/files/file_store.hpp"
#include "mock/vector_stores/services.hpp"

namespace mock::vector_stores {

// {"files": [...], "vector_stores": [{..., "files": [...], "file_batches": [...]}]}
Json dump_files_state(VectorStoreServices& services);

}  // namespace mock::vector_stores
