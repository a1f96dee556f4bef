#pragma once
// The file_search tool of the Responses API over this server's vector stores. The mock
// does not embed text: a completed file matches when its text holds a word of the query
// (ignoring case), scored by the share of the query's words it holds, best first, ties in
// the order the files were added. Takes the vector store lock, then the file lock.
#include <cstddef>
#include <string>

#include "http/json.hpp"
#include "mock/vector_stores/services.hpp"

namespace mock::vector_stores {

// 404 "No vector store found with id '...'." unless the store exists.
void require_vector_store(VectorStoreServices& services, const std::string& id);

// Results in the Responses shape: [{file_id, filename, score, text, attributes}], at most
// max_results; `text` is the file's first 400 bytes from the first match.
Json search_vector_stores(VectorStoreServices& services, const Json& vector_store_ids,
                          const std::string& query, std::size_t max_results);

}  // namespace mock::vector_stores
