#include "mock/vector_stores/tool_resource_links.hpp"

#include "http/api_error.hpp"
#include "mock/vector_stores/handler_support.hpp"
#include "mock/vector_stores/ingestion.hpp"

namespace mock::vector_stores {
namespace {
const Json k_empty_array = Json::array();

const Json& ids_at(const Json& tool_resources, const char* tool, const char* key) {
  const auto section = tool_resources.find(tool);
  if (section == tool_resources.end() || !section->is_object()) return k_empty_array;
  const auto ids = section->find(key);
  return ids == section->end() || !ids->is_array() ? k_empty_array : *ids;
}

bool has_helpers(const Json& tool_resources) {
  return !ids_at(tool_resources, "file_search", "vector_stores").empty();
}
}  // namespace

void ToolResourceLinks::require_file(const std::string& id) {
  files::require_file(m_services.files, id);
}

void ToolResourceLinks::resolve(Json& tool_resources) {
  if (!tool_resources.is_object()) return;
  for (const Json& id : ids_at(tool_resources, "code_interpreter", "file_ids")) {
    require_file(id.get<std::string>());
  }
  const Json& helpers = ids_at(tool_resources, "file_search", "vector_stores");
  for (const Json& helper : helpers) {
    for (const Json& id : helper.at("file_ids")) require_file(id.get<std::string>());
  }
  const std::int64_t now_ms = m_services.clock.now_ms();
  Json created = Json::array();
  m_services.store.with_state([&](VectorStoresState& state) {
    advance(state, now_ms);
    for (const Json& id : ids_at(tool_resources, "file_search", "vector_store_ids")) {
      require_store(state, id.get<std::string>());
    }
    for (const Json& helper : helpers) {
      created.push_back(create_store(state, m_services, new_vector_store_from_fields(helper), now_ms).id);
    }
  });
  if (!helpers.empty()) {
    Json& search = tool_resources["file_search"];
    search.erase("vector_stores");
    for (Json& id : created) search["vector_store_ids"].push_back(std::move(id));
  }
}

void ToolResourceLinks::check_attachments(const Json& attachments) {
  if (!attachments.is_array()) return;
  for (const Json& attachment : attachments) {
    const auto id = attachment.find("file_id");
    if (id != attachment.end() && id->is_string()) require_file(id->get<std::string>());
  }
}

void resolve_tool_resources(ToolResourceLinks* links, Json& tool_resources) {
  if (links != nullptr) {
    links->resolve(tool_resources);
  } else if (tool_resources.is_object() && has_helpers(tool_resources)) {
    throw http::errors::invalid_request(
        "Creating vector stores through 'tool_resources.file_search.vector_stores' needs the "
        "vector store endpoints, which this server does not serve.",
        "tool_resources.file_search.vector_stores", "unsupported_by_mock");
  }
}

void check_attachment_files(ToolResourceLinks* links, const Json& attachments) {
  if (links != nullptr) links->check_attachments(attachments);
}

}  // namespace mock::vector_stores
