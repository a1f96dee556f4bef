// The vector store API (v2), one line per endpoint, in the order of the API reference.
#include "mock/vector_stores/routes.hpp"

#include <string>

#include "http/api_error.hpp"
#include "http/bearer_auth.hpp"
#include "mock/core/beta_header.hpp"
#include "mock/vector_stores/handlers.hpp"

namespace mock::vector_stores {
namespace {
using EndpointFn = http::ApiResponse (*)(const http::ApiRequest&, VectorStoreServices&);

void add(http::RouteTable& table, VectorStoreServices& services, const char* method,
         const std::string& pattern, const char* name, EndpointFn endpoint) {
  table.add(method, pattern, name, [&services, endpoint](http::ApiRequest& request) {
    http::check_bearer_key(request, services.config.api_key);
    if (core::require_assistants_beta(request) != core::ApiVersion::v2) {
      throw http::errors::invalid_url(request.method, request.path);  // v1 had no vector stores
    }
    http::ApiResponse response = endpoint(request, services);
    response.headers.emplace("openai-poll-after-ms", std::to_string(services.config.poll_after_ms));
    return response;
  });
}
}  // namespace

void register_vector_store_routes(http::RouteTable& t, VectorStoreServices& s) {
  const std::string vs = "/v1/vector_stores/{vector_store_id}";
  const std::string batch = vs + "/file_batches/{batch_id}";
  add(t, s, "POST", "/v1/vector_stores", "vector_stores.create", create_vector_store);
  add(t, s, "GET", "/v1/vector_stores", "vector_stores.list", list_vector_stores);
  add(t, s, "GET", vs, "vector_stores.retrieve", retrieve_vector_store);
  add(t, s, "POST", vs, "vector_stores.modify", modify_vector_store);
  add(t, s, "DELETE", vs, "vector_stores.delete", delete_vector_store);
  add(t, s, "POST", vs + "/search", "vector_stores.search", search_vector_store);

  add(t, s, "POST", vs + "/files", "vector_stores.files.create", create_vector_store_file);
  add(t, s, "GET", vs + "/files", "vector_stores.files.list", list_vector_store_files);
  add(t, s, "GET", vs + "/files/{file_id}", "vector_stores.files.retrieve", retrieve_vector_store_file);
  add(t, s, "POST", vs + "/files/{file_id}", "vector_stores.files.update", update_vector_store_file);
  add(t, s, "DELETE", vs + "/files/{file_id}", "vector_stores.files.delete", delete_vector_store_file);
  add(t, s, "GET", vs + "/files/{file_id}/content", "vector_stores.files.content",
      retrieve_vector_store_file_content);

  add(t, s, "POST", vs + "/file_batches", "vector_stores.file_batches.create", create_file_batch);
  add(t, s, "GET", batch, "vector_stores.file_batches.retrieve", retrieve_file_batch);
  add(t, s, "POST", batch + "/cancel", "vector_stores.file_batches.cancel", cancel_file_batch);
  add(t, s, "GET", batch + "/files", "vector_stores.file_batches.list_files", list_file_batch_files);
}

}  // namespace mock::vector_stores
