#include <utility>
#include <vector>

#include "http/json_body.hpp"
#include "mock/vector_stores/handler_support.hpp"
#include "mock/vector_stores/handlers.hpp"
#include "mock/vector_stores/ingestion.hpp"
#include "mock/vector_stores/params.hpp"
#include "mock/vector_stores/vector_store_request.hpp"
#include "mock/vector_stores/wire.hpp"

namespace mock::vector_stores {

ApiResponse create_file_batch(const ApiRequest& request, VectorStoreServices& services) {
  NewFileBatch wanted = read_create_file_batch(request.json_body());
  const std::int64_t now_ms = services.clock.now_ms();
  return services.store.with_state([&](VectorStoresState& state) {
    advance(state, now_ms);
    VectorStore& store = require_store(state, request.path_param("vector_store_id"));
    // Every file must exist before anything changes.
    std::vector<files::StoredFile> found;
    for (const NewVectorStoreFile& file : wanted.files) {
      found.push_back(files::require_file(services.files, file.file_id));
    }
    FileBatch fresh;
    fresh.id = services.ids.next("vsfb_");
    fresh.created_at = now_ms / 1000;
    fresh.vector_store_id = store.id;
    FileBatch& batch = store.batches.insert(std::move(fresh));
    for (std::size_t i = 0; i < found.size(); ++i) {
      attach_file(state, store, found[i],
                  AttachOptions{std::move(wanted.files[i].chunking_strategy),
                                std::move(wanted.files[i].attributes), batch.id},
                  now_ms, services.config.ingest_ms);
    }
    return ApiResponse::json(to_wire(batch));
  });
}

ApiResponse retrieve_file_batch(const ApiRequest& request, VectorStoreServices& services) {
  const std::int64_t now_ms = services.clock.now_ms();
  return services.store.with_state([&](VectorStoresState& state) {
    advance(state, now_ms);
    VectorStore& store = require_store(state, request.path_param("vector_store_id"));
    return ApiResponse::json(to_wire(require_batch(store, request.path_param("batch_id"))));
  });
}

ApiResponse cancel_file_batch(const ApiRequest& request, VectorStoreServices& services) {
  const std::int64_t now_ms = services.clock.now_ms();
  return services.store.with_state([&](VectorStoresState& state) {
    advance(state, now_ms);
    VectorStore& store = require_store(state, request.path_param("vector_store_id"));
    FileBatch& batch = require_batch(store, request.path_param("batch_id"));
    cancel_batch(store, batch);
    return ApiResponse::json(to_wire(batch));
  });
}

ApiResponse list_file_batch_files(const ApiRequest& request, VectorStoreServices& services) {
  const auto filter = parse_file_filter(request);
  const std::int64_t now_ms = services.clock.now_ms();
  return services.store.with_state([&](VectorStoresState& state) {
    advance(state, now_ms);
    VectorStore& store = require_store(state, request.path_param("vector_store_id"));
    const std::string batch_id = require_batch(store, request.path_param("batch_id")).id;
    const std::function<bool(const VectorStoreFile&)> keep = [&](const VectorStoreFile& file) {
      return file.batch_id == batch_id && (!filter || file.status == *filter);
    };
    return ApiResponse::json(
        list_page(store.files, request, keep, [](const VectorStoreFile& f) { return to_wire(f); }));
  });
}

}  // namespace mock::vector_stores
