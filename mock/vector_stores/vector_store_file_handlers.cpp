#include <utility>

#include "http/json_body.hpp"
#include "mock/vector_stores/handler_support.hpp"
#include "mock/vector_stores/handlers.hpp"
#include "mock/vector_stores/ingestion.hpp"
#include "mock/vector_stores/params.hpp"
#include "mock/vector_stores/vector_store_request.hpp"
#include "mock/vector_stores/wire.hpp"

namespace mock::vector_stores {
namespace {
Json file_json(const VectorStoreFile& file) { return to_wire(file); }
}  // namespace

ApiResponse create_vector_store_file(const ApiRequest& request, VectorStoreServices& services) {
  NewVectorStoreFile created = read_create_vector_store_file(request.json_body());
  const std::int64_t now_ms = services.clock.now_ms();
  return services.store.with_state([&](VectorStoresState& state) {
    advance(state, now_ms);
    VectorStore& store = require_store(state, request.path_param("vector_store_id"));
    const files::StoredFile file = files::require_file(services.files, created.file_id);
    return ApiResponse::json(to_wire(attach_file(
        state, store, file,
        AttachOptions{std::move(created.chunking_strategy), std::move(created.attributes), {}},
        now_ms, services.config.ingest_ms)));
  });
}

ApiResponse list_vector_store_files(const ApiRequest& request, VectorStoreServices& services) {
  const auto filter = parse_file_filter(request);
  const std::int64_t now_ms = services.clock.now_ms();
  return services.store.with_state([&](VectorStoresState& state) {
    advance(state, now_ms);
    const VectorStore& store = require_store(state, request.path_param("vector_store_id"));
    std::function<bool(const VectorStoreFile&)> keep;
    if (filter) keep = [&filter](const VectorStoreFile& file) { return file.status == *filter; };
    return ApiResponse::json(list_page(store.files, request, keep, file_json));
  });
}

ApiResponse retrieve_vector_store_file(const ApiRequest& request, VectorStoreServices& services) {
  const std::int64_t now_ms = services.clock.now_ms();
  return services.store.with_state([&](VectorStoresState& state) {
    advance(state, now_ms);
    VectorStore& store = require_store(state, request.path_param("vector_store_id"));
    return ApiResponse::json(to_wire(require_store_file(store, request.path_param("file_id"))));
  });
}

ApiResponse update_vector_store_file(const ApiRequest& request, VectorStoreServices& services) {
  VectorStoreFileUpdate update = read_update_vector_store_file(request.json_body());
  const std::int64_t now_ms = services.clock.now_ms();
  return services.store.with_state([&](VectorStoresState& state) {
    advance(state, now_ms);
    VectorStore& store = require_store(state, request.path_param("vector_store_id"));
    VectorStoreFile& file = require_store_file(store, request.path_param("file_id"));
    file.attributes = std::move(update.attributes);
    return ApiResponse::json(to_wire(file));
  });
}

ApiResponse delete_vector_store_file(const ApiRequest& request, VectorStoreServices& services) {
  const std::int64_t now_ms = services.clock.now_ms();
  return services.store.with_state([&](VectorStoresState& state) {
    advance(state, now_ms);
    VectorStore& store = require_store(state, request.path_param("vector_store_id"));
    const std::string id = require_store_file(store, request.path_param("file_id")).id;
    detach_file(state, store, id);  // the File itself stays
    return ApiResponse::json(
        Json{{"id", id}, {"object", "vector_store.file.deleted"}, {"deleted", true}});
  });
}

// The parsed content of a file: the mock does not parse, so it is the text as uploaded,
// one page. Bytes that are not UTF-8 are replaced (U+FFFD) so the JSON stays valid.
ApiResponse retrieve_vector_store_file_content(const ApiRequest& request,
                                               VectorStoreServices& services) {
  const std::int64_t now_ms = services.clock.now_ms();
  const std::string file_id = services.store.with_state([&](VectorStoresState& state) {
    advance(state, now_ms);
    VectorStore& store = require_store(state, request.path_param("vector_store_id"));
    return require_store_file(store, request.path_param("file_id")).id;
  });
  const files::StoredFile file = files::require_file(services.files, file_id);
  Json data = Json::array();
  data.push_back(Json{{"type", "text"}, {"text", *file.content}});
  Json page = Json::object();
  page["object"] = "vector_store.file_content.page";
  page["data"] = std::move(data);
  page["has_more"] = false;
  page["next_page"] = nullptr;
  ApiResponse response;
  response.body = page.dump(-1, ' ', false, Json::error_handler_t::replace);
  return response;
}

}  // namespace mock::vector_stores
