#pragma once
// Lookups shared by the vector store handlers: fetch-or-404 (400 first for a wrong id
// prefix, as the service checks), list pages, and creating a store (also used by the
// tool_resources helper).
#include <functional>
#include <type_traits>
#include <utility>
#include <string>

#include "mock/core/list_envelope.hpp"
#include "mock/core/list_params.hpp"
#include "mock/vector_stores/services.hpp"
#include "mock/vector_stores/vector_store_request.hpp"

namespace mock::vector_stores {

// "No vector store found with id 'vs_...'."
VectorStore& require_store(VectorStoresState& state, const std::string& id);
// "No vector store file found with id 'file-...'." (a file the store does not hold)
VectorStoreFile& require_store_file(VectorStore& store, const std::string& id);
// "No vector store file batch found with id 'vsfb_...'."
FileBatch& require_batch(VectorStore& store, const std::string& id);

// Creates a store; every file must exist (404 otherwise, and then nothing is created).
// Call inside with_state, after advance().
VectorStore& create_store(VectorStoresState& state, VectorStoreServices& services,
                          const NewVectorStore& created, std::int64_t now_ms);

// A list page (limit 1..100, order, after, before) as the v2 envelope.
template <class T, class ToJson>
Json list_page(const core::OrderedCollection<T>& collection, const http::ApiRequest& request,
               const std::type_identity_t<std::function<bool(const T&)>>& keep,
               ToJson&& to_json) {
  const core::PageQuery query = core::parse_list_query(request);
  try {
    return core::list_envelope(collection.page(query, keep), std::forward<ToJson>(to_json));
  } catch (const core::UnknownCursor& cursor) {
    core::throw_unknown_cursor(cursor);
  }
}

}  // namespace mock::vector_stores
