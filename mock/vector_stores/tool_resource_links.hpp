#pragma once
// What the Assistants handlers need of files and vector stores: that the ids a request
// names exist, and stores made by the `tool_resources.file_search.vector_stores` helper.
// Called under the assistants lock; takes the vector store lock, then the file lock.
#include <string>

#include "http/json.hpp"
#include "mock/vector_stores/services.hpp"

namespace mock::vector_stores {

class ToolResourceLinks {
public:
  explicit ToolResourceLinks(VectorStoreServices& services) : m_services(services) {}

  // For tool_resources normalised by assistants::parse_tool_resources: every
  // code_interpreter.file_ids entry must be a File (404 "No file found with id '...'."),
  // every file_search.vector_store_ids entry a vector store (404 "No vector store found
  // with id '...'."), every helper's file_ids Files. Only then are the helper's stores
  // created, and their ids replace `vector_stores` in file_search.vector_store_ids.
  void resolve(Json& tool_resources);

  // Message attachments [{file_id, tools}]: every file_id must be a File (404).
  void check_attachments(const Json& attachments);

  // One file id (404 "No file found with id '...'.").
  void require_file(const std::string& id);

private:
  VectorStoreServices& m_services;
};

// The same, tolerating a server without files (links == nullptr, e.g. unit-test
// harnesses): ids are then not checked, and a helper is refused as unsupported.
void resolve_tool_resources(ToolResourceLinks* links, Json& tool_resources);
void check_attachment_files(ToolResourceLinks* links, const Json& attachments);

}  // namespace mock::vector_stores
