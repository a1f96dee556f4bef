#pragma once
// Request validation of the vector store endpoints (FACTS.md §3.2), worded like the rest
// of the API (assistants/params/field_reader.hpp). Each parser returns the body normalised:
// known keys only, chunking strategies in their response form, duplicate file ids dropped.
// Handlers read the result as types, through vector_store_request.hpp.
#include <optional>
#include <string>

#include "http/api_message.hpp"
#include "http/json.hpp"
#include "mock/vector_stores/objects.hpp"

namespace mock::vector_stores {

// {type:"auto"} | {type:"static", static:{max_chunk_size_tokens 100..4096,
// chunk_overlap_tokens 0..max/2}} -> the response form; auto is static 800/400.
Json parse_chunking_strategy(const Json& value, const std::string& path);
Json default_chunking_strategy();

// Up to 16 pairs; keys <= 64 characters; values a string (<= 512), a number or a boolean.
// null -> {}.
Json parse_attributes(const Json& value, const std::string& path);

// POST /vector_stores -> {file_ids[], name?, description?, expires_after?,
// chunking_strategy, metadata}. file_ids <= 500.
Json parse_create_vector_store(const Json& body);
// POST /vector_stores/{id} -> {name?, expires_after?, metadata?} (null clears).
Json parse_update_vector_store(const Json& body);
// POST /vector_stores/{id}/files -> {file_id, chunking_strategy, attributes}.
Json parse_create_vector_store_file(const Json& body, const std::string& path = "");
// POST /vector_stores/{id}/files/{file_id} -> {attributes} (required).
Json parse_update_vector_store_file(const Json& body);
// POST /vector_stores/{id}/file_batches: `file_ids` (1..2000, with shared chunking_strategy
// and attributes) or `files` (1..2000 of the file create body) -> {files:[...]}.
Json parse_create_file_batch(const Json& body);

// tool_resources.file_search.vector_stores[i] on assistant and thread create:
// {file_ids <= 10000, chunking_strategy?, metadata?} -> {file_ids, chunking_strategy, metadata}.
Json parse_vector_store_helper(const Json& value, const std::string& path);

// The `filter` query of file lists: in_progress | completed | failed | cancelled.
std::optional<FileStatus> parse_file_filter(const http::ApiRequest& request);

}  // namespace mock::vector_stores
