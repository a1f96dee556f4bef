#pragma once
// Files move through a vector store lazily, like runs: a file attached at t is in_progress
// until t + ingest_ms, and every request first applies what fell due (advance), under the
// store lock, on the injected clock. No background thread. Counts of the store and of the
// file's batch change with every status change, so they are always right.
#include <cstdint>
#include <optional>
#include <string>

#include "mock/files/file_objects.hpp"
#include "mock/vector_stores/store.hpp"

namespace mock::vector_stores {

struct AttachOptions {
  Json chunking_strategy;  // response form (parse_chunking_strategy)
  Json attributes = Json::object();
  std::optional<std::string> batch_id;
};

// Completes every ingestion due by now_ms. An empty (0-byte) file fails with invalid_file.
void advance(VectorStoresState& state, std::int64_t now_ms);

// Adds `file` to the store in_progress, due now_ms + ingest_ms. A file the store already
// holds is processed again (status, options and batch replaced; created_at kept).
VectorStoreFile& attach_file(VectorStoresState& state, VectorStore& store,
                             const files::StoredFile& file, AttachOptions options,
                             std::int64_t now_ms, std::int64_t ingest_ms);

// Removes the file from the store (the File itself stays); false if it was not there.
bool detach_file(VectorStoresState& state, VectorStore& store, const std::string& file_id);

// Detaches a deleted File from every store that holds it.
void forget_file(VectorStoresState& state, const std::string& file_id);

// Removes the store, its files and batches.
void erase_store(VectorStoresState& state, const std::string& store_id);

// Cancels an in_progress batch: its files still in progress become cancelled. Throws
// ApiError 400 "Cannot cancel vector store file batch with status 'completed'." otherwise.
void cancel_batch(VectorStore& store, FileBatch& batch);

}  // namespace mock::vector_stores
