#pragma once
// Vector store bodies as the handlers read them: validated once by the parse_* functions of
// params.hpp, then held in types, so a handler applies fields instead of looking keys up in
// JSON. chunking_strategy, expires_after, metadata and attributes stay JSON: they are stored
// and shown as the parse_* step normalised them, and typing them would buy nothing.
#include <optional>
#include <string>
#include <vector>

#include "http/json.hpp"

namespace mock::vector_stores {

// POST /vector_stores, and each store of the tool_resources.file_search.vector_stores helper.
struct NewVectorStore {
  std::vector<std::string> file_ids;  // without repeats
  std::string name;                   // "" when none was given
  std::optional<std::string> description;
  Json expires_after = nullptr;  // {anchor, days}, or null
  Json chunking_strategy;        // response form, for every file
  Json metadata = Json::object();  // null was sent as {}
};

// POST /vector_stores/{id}; an empty optional leaves the store's value alone.
struct VectorStoreUpdate {
  std::optional<std::string> name;   // null was sent as ""
  std::optional<Json> expires_after;  // null clears
  std::optional<Json> metadata;       // null was sent as {}
};

// POST /vector_stores/{id}/files, and each file of a batch.
struct NewVectorStoreFile {
  std::string file_id;
  Json chunking_strategy;  // response form
  Json attributes = Json::object();
};

// POST /vector_stores/{id}/files/{file_id}
struct VectorStoreFileUpdate {
  Json attributes;  // null was sent as {}
};

// POST /vector_stores/{id}/file_batches: `file_ids` and `files` both read as files, without
// repeats.
struct NewFileBatch {
  std::vector<NewVectorStoreFile> files;
};

// Each throws the service's 400 errors, as the parse_* function it wraps does.
NewVectorStore read_create_vector_store(const Json& body);
VectorStoreUpdate read_update_vector_store(const Json& body);
NewVectorStoreFile read_create_vector_store_file(const Json& body);
VectorStoreFileUpdate read_update_vector_store_file(const Json& body);
NewFileBatch read_create_file_batch(const Json& body);

// A store body parse_create_vector_store or parse_vector_store_helper has normalised.
NewVectorStore new_vector_store_from_fields(const Json& fields);

}  // namespace mock::vector_stores
