#include "mock/vector_stores/wire.hpp"

#include <string>

namespace mock::vector_stores {

Json counts_wire(const FileCounts& counts) {
  Json out = Json::object();
  out["in_progress"] = counts.in_progress;
  out["completed"] = counts.completed;
  out["failed"] = counts.failed;
  out["cancelled"] = counts.cancelled;
  out["total"] = counts.total();
  return out;
}

Json to_wire(const VectorStore& store, std::int64_t now_seconds) {
  Json out = Json::object();
  out["id"] = store.id;
  out["object"] = "vector_store";
  out["created_at"] = store.created_at;
  out["name"] = store.name;
  out["usage_bytes"] = store.usage_bytes;
  out["file_counts"] = counts_wire(store.counts);
  out["status"] = std::string(store.status(now_seconds));
  if (store.expires_after.is_object()) out["expires_after"] = store.expires_after;
  const auto expires_at = store.expires_at();
  out["expires_at"] = expires_at ? Json(*expires_at) : Json(nullptr);
  out["last_active_at"] = store.last_active_at;
  out["metadata"] = store.metadata;
  return out;
}

Json to_wire(const VectorStoreFile& file) {
  Json out = Json::object();
  out["id"] = file.id;
  out["object"] = "vector_store.file";
  out["usage_bytes"] = file.usage_bytes();
  out["created_at"] = file.created_at;
  out["vector_store_id"] = file.vector_store_id;
  out["status"] = std::string(to_string(file.status));
  out["last_error"] = file.last_error;
  out["chunking_strategy"] = file.chunking_strategy;
  out["attributes"] = file.attributes;
  return out;
}

Json to_wire(const FileBatch& batch) {
  Json out = Json::object();
  out["id"] = batch.id;
  out["object"] = "vector_store.files_batch";
  out["created_at"] = batch.created_at;
  out["vector_store_id"] = batch.vector_store_id;
  out["status"] = std::string(to_string(batch.status));
  out["file_counts"] = counts_wire(batch.counts);
  return out;
}

}  // namespace mock::vector_stores
