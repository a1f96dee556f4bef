#pragma once
// One function per vector store endpoint (v2): ApiResponse f(const ApiRequest&, VectorStoreServices&).
// Every one first applies the ingestions that fell due (ingestion.hpp).
#include "http/api_message.hpp"
#include "mock/vector_stores/services.hpp"

namespace mock::vector_stores {

using http::ApiRequest;
using http::ApiResponse;

ApiResponse create_vector_store(const ApiRequest& request, VectorStoreServices& services);
ApiResponse list_vector_stores(const ApiRequest& request, VectorStoreServices& services);
ApiResponse retrieve_vector_store(const ApiRequest& request, VectorStoreServices& services);
ApiResponse modify_vector_store(const ApiRequest& request, VectorStoreServices& services);
ApiResponse delete_vector_store(const ApiRequest& request, VectorStoreServices& services);
// Not served: 404 for an unknown store, else 400 unsupported_by_mock (not a 5xx, which SDKs retry).
ApiResponse search_vector_store(const ApiRequest& request, VectorStoreServices& services);

ApiResponse create_vector_store_file(const ApiRequest& request, VectorStoreServices& services);
ApiResponse list_vector_store_files(const ApiRequest& request, VectorStoreServices& services);
ApiResponse retrieve_vector_store_file(const ApiRequest& request, VectorStoreServices& services);
ApiResponse update_vector_store_file(const ApiRequest& request, VectorStoreServices& services);
ApiResponse delete_vector_store_file(const ApiRequest& request, VectorStoreServices& services);
ApiResponse retrieve_vector_store_file_content(const ApiRequest& request,
                                               VectorStoreServices& services);

ApiResponse create_file_batch(const ApiRequest& request, VectorStoreServices& services);
ApiResponse retrieve_file_batch(const ApiRequest& request, VectorStoreServices& services);
ApiResponse cancel_file_batch(const ApiRequest& request, VectorStoreServices& services);
ApiResponse list_file_batch_files(const ApiRequest& request, VectorStoreServices& services);

}  // namespace mock::vector_stores
