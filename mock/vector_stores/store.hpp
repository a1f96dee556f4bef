#pragma once
// All vector store state behind one lock. Lock order across the server: assistants store,
// then this store, then the file store; nothing here ever takes the assistants lock.
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <tuple>
#include <utility>

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

class VectorStoreStore {
public:
  template <class Fn>
  decltype(auto) with_state(Fn&& fn) {
    std::lock_guard lock(m_mutex);
    return std::forward<Fn>(fn)(m_state);
  }

  void reset() {
    std::lock_guard lock(m_mutex);
    m_state.stores.clear();
    m_state.pending.clear();
    m_state.stores_by_file.clear();
  }

private:
  std::mutex m_mutex;
  VectorStoresState m_state;
};

}  // namespace mock::vector_stores
