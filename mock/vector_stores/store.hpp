#pragma once
// All vector store state behind one lock. Lock order across the server: assistants store,
// then this store, then the file store; nothing here ever takes the assistants lock.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "mock/core/guarded_state.hpp"
#include "mock/vector_stores/objects.hpp"

namespace mock::vector_stores {

struct VectorStoresState {
  core::OrderedCollection<VectorStore> stores;
  // Ingestions to finish, by due time: (due_ms, vector store id, file id). Entries of files
  // detached or re-added meanwhile are stale and skipped when they come due.
  std::set<std::tuple<std::int64_t, std::string, std::string>> pending;
  // file id -> the stores that hold it, so deleting a File detaches it without a scan.
  std::map<std::string, std::set<std::string>, std::less<>> stores_by_file;
};

using VectorStoreStore = core::GuardedState<VectorStoresState>;

}  // namespace mock::vector_stores
