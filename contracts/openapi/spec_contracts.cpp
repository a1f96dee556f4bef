#include "contracts/openapi/spec_contracts.hpp"

#include <algorithm>
#include <cctype>

#include "contracts/endpoint_map.hpp"
#include "contracts/openapi/document_loader.hpp"
#include "contracts/openapi/schema_converter.hpp"
#include "contracts/path_template.hpp"

namespace contracts::openapi {
namespace {

constexpr const char* k_methods[] = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

// "https://api.openai.com/v1" -> "/v1"; "" when there is no path.
std::string server_base_path(const nlohmann::json& document) {
  if (!document.contains("servers") || !document["servers"].is_array() || document["servers"].empty()) return {};
  // Not value("url", ...): it throws when the server is not an object or its url not a string.
  const nlohmann::json& server = document["servers"][0];
  if (!server.is_object() || !server.contains("url") || !server["url"].is_string()) return {};
  const std::string url = server["url"].get<std::string>();
  std::size_t start = url.find("://");
  start = start == std::string::npos ? 0 : url.find('/', start + 3);
  if (start == std::string::npos) return {};
  std::string path = url.substr(start);
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path;
}

bool is_json_media(const std::string& media) {
  return media == "application/json" || (media.size() > 5 && media.compare(media.size() - 5, 5, "+json") == 0);
}

}  // namespace

tl::expected<SpecContracts, std::string> SpecContracts::load(const std::filesystem::path& file) {
  auto document = load_document(file);
  if (!document) return tl::unexpected(document.error());
  return from_document(std::move(*document), file.filename().string());
}

tl::expected<SpecContracts, std::string> SpecContracts::from_document(nlohmann::json document, std::string name) {
  if (!document.is_object() || !document.contains("openapi") || !document["openapi"].is_string()) {
    return tl::unexpected(name + ": not an OpenAPI document (no \"openapi\" version field)");
  }
  const std::string version = document["openapi"].get<std::string>();
  if (version.rfind("3.", 0) != 0) {
    return tl::unexpected(name + ": OpenAPI " + version + " is not supported (3.0 and 3.1 are)");
  }
  if (!document.contains("paths") || !document["paths"].is_object() || document["paths"].empty()) {
    return tl::unexpected(name + ": the document has no paths");
  }
  SpecContracts spec;
  spec.m_document = std::make_shared<const nlohmann::json>(std::move(document));
  spec.m_name = std::move(name);
  spec.m_openapi_version = version;
  spec.m_base_path = server_base_path(*spec.m_document);
  for (const auto& [template_path, item] : (*spec.m_document)["paths"].items()) {
    if (!item.is_object()) continue;
    for (const char* method : k_methods) {
      if (!item.contains(method) || !item[method].is_object()) continue;
      const auto& operation = item[method];
      spec.m_operations.push_back(
          {upper(method), template_path, operation.contains("responses") ? &operation["responses"] : nullptr});
    }
  }
  return spec;
}

const nlohmann::json* SpecContracts::resolve(const nlohmann::json& node) const {
  const nlohmann::json* current = &node;
  for (int hops = 0; hops < 16 && current->is_object() && current->contains("$ref"); ++hops) {
    const auto& ref = (*current)["$ref"];
    if (!ref.is_string() || ref.get<std::string>().rfind('#', 0) != 0) return nullptr;
    try {
      const nlohmann::json::json_pointer pointer(ref.get<std::string>().substr(1));
      if (!m_document->contains(pointer)) return nullptr;
      current = &m_document->at(pointer);
    } catch (const nlohmann::json::exception&) {
      return nullptr;
    }
  }
  return current;
}

tl::expected<ResponseContract, std::string> SpecContracts::compile(const std::string& key, const std::string& endpoint,
                                                                   const std::string& label,
                                                                   const nlohmann::json& schema) const {
  std::lock_guard<std::mutex> lock(*m_cache_mutex);
  if (auto found = m_cache->find(key); found != m_cache->end()) return found->second;
  SchemaConverter converter(*m_document);
  tl::expected<ResponseContract, std::string> result = [&]() -> tl::expected<ResponseContract, std::string> {
    auto document = converter.self_contained(schema);
    if (!document) return tl::unexpected(m_name + ", " + endpoint + ": " + document.error());
    auto compiled = CompiledSchema::compile(*document);
    if (!compiled) return tl::unexpected(m_name + ", " + endpoint + ": " + compiled.error());
    return ResponseContract{endpoint, label, *compiled, {}, false};
  }();
  m_cache->emplace(key, result);
  return result;
}

tl::expected<ResponseContract, std::string> SpecContracts::find(std::string_view method, std::string_view path,
                                                                int status, ApiVersion /*version*/,
                                                                bool streamed) const {
  std::string_view relative = path.substr(0, path.find('?'));
  if (!m_base_path.empty() && relative.rfind(m_base_path, 0) == 0) relative.remove_prefix(m_base_path.size());
  const std::vector<std::string_view> segments = path_segments(relative);
  const Operation* best = nullptr;
  int best_score = -1;
  for (const Operation& operation : m_operations) {
    if (operation.method != method) continue;
    const int score = match_path_template(operation.template_path, segments);
    if (score > best_score) {
      best = &operation;
      best_score = score;
    }
  }
  if (best == nullptr) {
    return tl::unexpected(m_name + " has no operation " + std::string(method) + " " + std::string(path.substr(0, path.find('?'))));
  }
  const std::string endpoint = best->method + " " + m_base_path + best->template_path;
  const std::string status_text = std::to_string(status);

  // The response object: exact status, then its range (2XX), then default.
  const nlohmann::json* response = nullptr;
  std::string response_key;
  if (best->responses != nullptr) {
    for (const std::string& key : {status_text, status_text.substr(0, 1) + "XX", std::string("default")}) {
      if (best->responses->contains(key)) {
        response = resolve((*best->responses)[key]);
        response_key = key;
        break;
      }
    }
  }
  const nlohmann::json* content = response != nullptr && response->contains("content") ? &(*response)["content"] : nullptr;
  static const nlohmann::json k_none = nlohmann::json::object();
  const nlohmann::json* components = m_document->contains("components") ? &(*m_document)["components"] : &k_none;
  const nlohmann::json& schemas = components->contains("schemas") ? (*components)["schemas"] : k_none;
  const std::string key_prefix = endpoint + " " + status_text + (streamed ? " stream" : "");

  if (streamed) {
    if (content != nullptr && content->contains("text/event-stream") &&
        (*content)["text/event-stream"].contains("schema")) {
      // An OpenAPI event-stream schema describes the data of one event (ResponseStreamEvent).
      auto contract = compile(key_prefix, endpoint, "text/event-stream of " + endpoint,
                              (*content)["text/event-stream"]["schema"]);
      if (contract) contract->event_data_only = true;
      return contract;
    }
    // A background response's resumed stream (GET ?stream=true) has the events of POST /responses,
    // which the spec declares only there.
    if (status < 300 && is_responses_endpoint(method, path) && schemas.contains("ResponseStreamEvent")) {
      auto contract = compile(key_prefix, endpoint, "#/components/schemas/ResponseStreamEvent",
                              nlohmann::json{{"$ref", "#/components/schemas/ResponseStreamEvent"}});
      if (contract) contract->event_data_only = true;
      return contract;
    }
    if (status < 300 && schemas.contains("AssistantStreamEvent")) {
      return compile(key_prefix, endpoint, "#/components/schemas/AssistantStreamEvent",
                     nlohmann::json{{"$ref", "#/components/schemas/AssistantStreamEvent"}});
    }
    return tl::unexpected(m_name + " declares no event stream for " + endpoint);
  }
  if (content != nullptr) {
    for (const auto& [media, body] : content->items()) {
      if (is_json_media(media) && body.contains("schema")) {
        return compile(key_prefix, endpoint, "response " + response_key + " of " + endpoint, body["schema"]);
      }
    }
  }
  if (status >= 400 && schemas.contains("ErrorResponse")) {
    return compile(key_prefix, endpoint, "#/components/schemas/ErrorResponse",
                   nlohmann::json{{"$ref", "#/components/schemas/ErrorResponse"}});
  }
  return tl::unexpected(m_name + " declares no JSON response " + status_text + " for " + endpoint);
}

}  // namespace contracts::openapi
