#include "mock/vector_stores/ingestion.hpp"

#include <utility>
#include <vector>

#include "http/api_error.hpp"

namespace mock::vector_stores {
namespace {
// What a file contributes to its store's and batch's counts and to usage_bytes.
void count(VectorStore& store, const VectorStoreFile& file, std::int64_t sign) {
  store.counts.of(file.status) += sign;
  store.usage_bytes += sign * file.usage_bytes();
  if (!file.batch_id) return;
  FileBatch* batch = store.batches.find(*file.batch_id);
  if (batch == nullptr) return;
  batch->counts.of(file.status) += sign;
  if (batch->status == BatchStatus::in_progress && batch->counts.in_progress == 0) {
    batch->status = BatchStatus::completed;
  }
}

void set_status(VectorStore& store, VectorStoreFile& file, FileStatus status) {
  count(store, file, -1);
  file.status = status;
  count(store, file, +1);
}
}  // namespace

void advance(VectorStoresState& state, std::int64_t now_ms) {
  while (!state.pending.empty() && std::get<0>(*state.pending.begin()) <= now_ms) {
    const auto [due_ms, store_id, file_id] = *state.pending.begin();
    state.pending.erase(state.pending.begin());
    VectorStore* store = state.stores.find(store_id);
    if (store == nullptr) continue;
    VectorStoreFile* file = store->files.find(file_id);
    if (file == nullptr || file->status != FileStatus::in_progress || file->due_ms != due_ms) {
      continue;  // detached, cancelled or re-added since
    }
    if (file->file_bytes == 0) {
      file->last_error = Json{{"code", "invalid_file"}, {"message", "The file is empty."}};
      set_status(*store, *file, FileStatus::failed);
    } else {
      set_status(*store, *file, FileStatus::completed);
    }
  }
}

VectorStoreFile& attach_file(VectorStoresState& state, VectorStore& store,
                             const files::StoredFile& file, AttachOptions options,
                             std::int64_t now_ms, std::int64_t ingest_ms) {
  VectorStoreFile* existing = store.files.find(file.id);
  if (existing != nullptr) {
    count(store, *existing, -1);
  } else {
    VectorStoreFile fresh;
    fresh.id = file.id;
    fresh.created_at = now_ms / 1000;
    fresh.vector_store_id = store.id;
    existing = &store.files.insert(std::move(fresh));
    state.stores_by_file[file.id].insert(store.id);
  }
  VectorStoreFile& attached = *existing;
  attached.status = FileStatus::in_progress;
  attached.file_bytes = file.bytes();
  attached.last_error = nullptr;
  attached.chunking_strategy = std::move(options.chunking_strategy);
  attached.attributes = std::move(options.attributes);
  attached.batch_id = std::move(options.batch_id);
  attached.due_ms = now_ms + ingest_ms;
  count(store, attached, +1);
  state.pending.emplace(attached.due_ms, store.id, attached.id);
  store.last_active_at = now_ms / 1000;
  return attached;
}

bool detach_file(VectorStoresState& state, VectorStore& store, const std::string& file_id) {
  VectorStoreFile* file = store.files.find(file_id);
  if (file == nullptr) return false;
  count(store, *file, -1);
  store.files.erase(file_id);
  const auto holders = state.stores_by_file.find(file_id);
  if (holders != state.stores_by_file.end()) {
    holders->second.erase(store.id);
    if (holders->second.empty()) state.stores_by_file.erase(holders);
  }
  return true;
}

void forget_file(VectorStoresState& state, const std::string& file_id) {
  const auto holders = state.stores_by_file.find(file_id);
  if (holders == state.stores_by_file.end()) return;
  const std::set<std::string> store_ids = holders->second;  // detach_file edits the index
  for (const std::string& store_id : store_ids) {
    if (VectorStore* store = state.stores.find(store_id)) detach_file(state, *store, file_id);
  }
}

void erase_store(VectorStoresState& state, const std::string& store_id) {
  VectorStore* store = state.stores.find(store_id);
  if (store == nullptr) return;
  std::vector<std::string> file_ids;
  store->files.for_each([&](const VectorStoreFile& file) { file_ids.push_back(file.id); });
  for (const std::string& file_id : file_ids) detach_file(state, *store, file_id);
  state.stores.erase(store_id);
}

void cancel_batch(VectorStore& store, FileBatch& batch) {
  if (batch.status != BatchStatus::in_progress) {
    throw http::errors::invalid_request("Cannot cancel vector store file batch with status '" +
                                        std::string(to_string(batch.status)) + "'.");
  }
  // The batch's files in progress are few and recent; walking the store's files is bounded
  // by its size, which a cancel (rare) can afford.
  store.files.for_each([&](VectorStoreFile& file) {
    if (file.batch_id == batch.id && file.status == FileStatus::in_progress) {
      set_status(store, file, FileStatus::cancelled);
    }
  });
  batch.status = BatchStatus::cancelled;
}

}  // namespace mock::vector_stores
