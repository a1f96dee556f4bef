#include "mock/vector_stores/handler_support.hpp"

#include <vector>

#include "http/api_error.hpp"
#include "mock/core/field_reader.hpp"
#include "mock/vector_stores/ingestion.hpp"

namespace mock::vector_stores {

VectorStore& require_store(VectorStoresState& state, const std::string& id) {
  core::check_id_prefix("vector_store_id", id, "vs_");
  VectorStore* store = state.stores.find(id);
  if (store == nullptr) throw http::errors::not_found("vector store", id);
  return *store;
}

VectorStoreFile& require_store_file(VectorStore& store, const std::string& id) {
  core::check_id_prefix("file_id", id, "file-");
  VectorStoreFile* file = store.files.find(id);
  if (file == nullptr) throw http::errors::not_found("vector store file", id);
  return *file;
}

FileBatch& require_batch(VectorStore& store, const std::string& id) {
  core::check_id_prefix("batch_id", id, "vsfb_");
  FileBatch* batch = store.batches.find(id);
  if (batch == nullptr) throw http::errors::not_found("vector store file batch", id);
  return *batch;
}

VectorStore& create_store(VectorStoresState& state, VectorStoreServices& services,
                          const NewVectorStore& created, std::int64_t now_ms) {
  std::vector<files::StoredFile> found;
  const std::vector<std::string>& file_ids = created.file_ids;
  for (std::size_t i = 0; i < file_ids.size(); ++i) {
    found.push_back(
        files::require_file(services.files, file_ids[i], "file_ids[" + std::to_string(i) + "]"));
  }
  VectorStore fresh;
  fresh.id = services.ids.next("vs_");
  fresh.created_at = now_ms / 1000;
  fresh.last_active_at = fresh.created_at;
  fresh.name = created.name;
  fresh.description = created.description;
  fresh.expires_after = created.expires_after;
  fresh.metadata = created.metadata;
  VectorStore& store = state.stores.insert(std::move(fresh));
  for (const files::StoredFile& file : found) {
    attach_file(state, store, file, AttachOptions{created.chunking_strategy, Json::object(), {}},
                now_ms, services.config.ingest_ms);
  }
  return store;
}

}  // namespace mock::vector_stores
