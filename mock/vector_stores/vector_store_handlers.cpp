#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "mock/vector_stores/handler_support.hpp"
#include "mock/vector_stores/handlers.hpp"
#include "mock/vector_stores/ingestion.hpp"
#include "mock/vector_stores/vector_store_request.hpp"
#include "mock/vector_stores/wire.hpp"

namespace mock::vector_stores {

ApiResponse create_vector_store(const ApiRequest& request, VectorStoreServices& services) {
  const NewVectorStore created = read_create_vector_store(request.json_body());
  const std::int64_t now_ms = services.clock.now_ms();
  return services.store.with_state([&](VectorStoresState& state) {
    advance(state, now_ms);
    return ApiResponse::json(to_wire(create_store(state, services, created, now_ms), now_ms / 1000));
  });
}

ApiResponse list_vector_stores(const ApiRequest& request, VectorStoreServices& services) {
  const std::int64_t now_ms = services.clock.now_ms();
  return services.store.with_state([&](VectorStoresState& state) {
    advance(state, now_ms);
    return ApiResponse::json(list_page(state.stores, request, nullptr, [now_ms](const VectorStore& s) {
      return to_wire(s, now_ms / 1000);
    }));
  });
}

ApiResponse retrieve_vector_store(const ApiRequest& request, VectorStoreServices& services) {
  const std::int64_t now_ms = services.clock.now_ms();
  return services.store.with_state([&](VectorStoresState& state) {
    advance(state, now_ms);
    return ApiResponse::json(
        to_wire(require_store(state, request.path_param("vector_store_id")), now_ms / 1000));
  });
}

ApiResponse modify_vector_store(const ApiRequest& request, VectorStoreServices& services) {
  const VectorStoreUpdate update = read_update_vector_store(request.json_body());
  const std::int64_t now_ms = services.clock.now_ms();
  return services.store.with_state([&](VectorStoresState& state) {
    advance(state, now_ms);
    VectorStore& store = require_store(state, request.path_param("vector_store_id"));
    if (update.name) store.name = *update.name;
    if (update.expires_after) store.expires_after = *update.expires_after;
    if (update.metadata) store.metadata = *update.metadata;
    return ApiResponse::json(to_wire(store, now_ms / 1000));
  });
}

ApiResponse delete_vector_store(const ApiRequest& request, VectorStoreServices& services) {
  const std::int64_t now_ms = services.clock.now_ms();
  return services.store.with_state([&](VectorStoresState& state) {
    advance(state, now_ms);
    const std::string id = require_store(state, request.path_param("vector_store_id")).id;
    erase_store(state, id);
    return ApiResponse::json(Json{{"id", id}, {"object", "vector_store.deleted"}, {"deleted", true}});
  });
}

ApiResponse search_vector_store(const ApiRequest& request, VectorStoreServices& services) {
  const std::int64_t now_ms = services.clock.now_ms();
  services.store.with_state([&](VectorStoresState& state) {
    advance(state, now_ms);
    require_store(state, request.path_param("vector_store_id"));
  });
  throw http::errors::invalid_request(
      "Vector store search is not supported by this mock: it keeps files but does not index "
      "them. Script file_search results in a scenario instead.",
      std::nullopt, "unsupported_by_mock");
}

}  // namespace mock::vector_stores
