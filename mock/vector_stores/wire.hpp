#pragma once
// The vector store objects' wire shapes, in the field order of the v2 HEAD schemas.
#include <cstdint>

#include "http/json.hpp"
#include "mock/vector_stores/objects.hpp"

namespace mock::vector_stores {

// {id, object:"vector_store", created_at, name, usage_bytes, file_counts, status,
//  expires_after (only when set), expires_at, last_active_at, metadata}; the status
// depends on the time (expiry), hence now_seconds.
Json to_wire(const VectorStore& store, std::int64_t now_seconds);
// {id, object:"vector_store.file", usage_bytes, created_at, vector_store_id, status,
//  last_error, chunking_strategy, attributes}
Json to_wire(const VectorStoreFile& file);
// {id, object:"vector_store.files_batch", created_at, vector_store_id, status, file_counts}
Json to_wire(const FileBatch& batch);

Json counts_wire(const FileCounts& counts);

}  // namespace mock::vector_stores
