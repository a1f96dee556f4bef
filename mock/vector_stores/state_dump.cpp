#include "mock/vector_stores/state_dump.hpp"

#include "mock/files/file_wire.hpp"
#include "mock/vector_stores/ingestion.hpp"
#include "mock/vector_stores/wire.hpp"

namespace mock::vector_stores {

Json dump_files_state(VectorStoreServices& services) {
  const std::int64_t now_ms = services.clock.now_ms();
  Json stores = services.store.with_state([&](VectorStoresState& state) {
    advance(state, now_ms);
    Json out = Json::array();
    state.stores.for_each([&](const VectorStore& store) {
      Json entry = to_wire(store, now_ms / 1000);
      Json store_files = Json::array();
      store.files.for_each([&](const VectorStoreFile& f) { store_files.push_back(to_wire(f)); });
      Json batches = Json::array();
      store.batches.for_each([&](const FileBatch& b) { batches.push_back(to_wire(b)); });
      entry["files"] = std::move(store_files);
      entry["file_batches"] = std::move(batches);
      out.push_back(std::move(entry));
    });
    return out;
  });
  Json uploaded = services.files.with_state([](files::FilesState& state) {
    Json out = Json::array();
    state.files.for_each([&](const files::StoredFile& f) { out.push_back(files::to_wire(f)); });
    return out;
  });
  return Json{{"files", std::move(uploaded)}, {"vector_stores", std::move(stores)}};
}

}  // namespace mock::vector_stores
