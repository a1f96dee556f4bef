#include "contracts/schema_library.hpp"

#include <set>

#include "contracts/embedded_schemas.hpp"
#include "contracts/endpoint_map.hpp"

namespace contracts {
namespace {

constexpr std::string_view k_suffix = ".schema.json";

struct RefTarget {
  std::string file;     // stem
  std::string pointer;  // "" or "/definitions/x"
};

// "other.schema.json#/a" -> {other, /a}; "#/a" -> {current, /a}; "other.schema.json" -> {other, ""}.
tl::expected<RefTarget, std::string> parse_ref(const std::string& ref, const std::string& current) {
  const std::size_t hash = ref.find('#');
  const std::string file_part = ref.substr(0, hash);
  const std::string pointer = hash == std::string::npos ? std::string() : ref.substr(hash + 1);
  if (file_part.empty()) return RefTarget{current, pointer};
  if (file_part.size() <= k_suffix.size() ||
      file_part.compare(file_part.size() - k_suffix.size(), k_suffix.size(), k_suffix) != 0 ||
      file_part.find('/') != std::string::npos) {
    return tl::unexpected("unsupported $ref '" + ref + "' in " + current +
                          ".schema.json: refer to a sibling NAME.schema.json");
  }
  return RefTarget{file_part.substr(0, file_part.size() - k_suffix.size()), pointer};
}

// Copies `node` with every $ref made local to the bundle; records the files it reaches.
tl::expected<nlohmann::json, std::string> localise(const nlohmann::json& node, const std::string& current,
                                                   std::set<std::string>& reached) {
  if (node.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : node) {
      auto copy = localise(item, current, reached);
      if (!copy) return copy;
      out.push_back(std::move(*copy));
    }
    return out;
  }
  if (!node.is_object()) return node;
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : node.items()) {
    if (key == "$ref" && value.is_string()) {
      auto target = parse_ref(value.get<std::string>(), current);
      if (!target) return tl::unexpected(target.error());
      reached.insert(target->file);
      out[key] = "#/definitions/" + target->file + target->pointer;
    } else if (key == "$schema" || key == "$id") {
      continue;  // one $schema at the top of the bundle; no base URIs inside it
    } else {
      auto copy = localise(value, current, reached);
      if (!copy) return copy;
      out[key] = std::move(*copy);
    }
  }
  return out;
}

std::map<std::string, nlohmann::json> load_embedded(std::string_view directory) {
  const std::string prefix = std::string(directory) + "/";
  std::map<std::string, nlohmann::json> files;
  for (const EmbeddedFile& file : embedded_schema_files()) {
    if (file.path.substr(0, prefix.size()) != prefix) continue;
    std::string stem(file.path.substr(prefix.size()));
    stem.resize(stem.size() - k_suffix.size());
    // Built-in files are checked by the tests; a parse error here is a build defect.
    files.emplace(std::move(stem), nlohmann::json::parse(file.text));
  }
  return files;
}

}  // namespace

SchemaLibrary::SchemaLibrary(std::map<std::string, nlohmann::json> files) {
  for (auto& [stem, document] : files) m_files.emplace(stem, std::move(document));
}

const SchemaLibrary& SchemaLibrary::builtin(ApiVersion version) {
  static const SchemaLibrary k_v1_2023_12(load_embedded(to_string(ApiVersion::v1_2023_12)));
  static const SchemaLibrary k_v1_final(load_embedded(to_string(ApiVersion::v1_final)));
  static const SchemaLibrary k_v2(load_embedded(to_string(ApiVersion::v2)));
  switch (version) {
    case ApiVersion::v1_2023_12: return k_v1_2023_12;
    case ApiVersion::v1_final: return k_v1_final;
    case ApiVersion::v2: return k_v2;
  }
  return k_v2;
}

const SchemaLibrary& SchemaLibrary::builtin_responses() {
  static const SchemaLibrary k_responses(load_embedded(k_responses_directory));
  return k_responses;
}

const SchemaLibrary& SchemaLibrary::builtin_directory(std::string_view directory) {
  if (directory == k_responses_directory) return builtin_responses();
  const auto version = parse_api_version(directory);
  return builtin(version ? *version : ApiVersion::v2);
}

bool SchemaLibrary::has(std::string_view stem) const { return m_files.find(stem) != m_files.end(); }

std::vector<std::string> SchemaLibrary::stems() const {
  std::vector<std::string> out;
  for (const auto& entry : m_files) out.push_back(entry.first);
  return out;
}

const nlohmann::json* SchemaLibrary::file(std::string_view stem) const {
  auto found = m_files.find(stem);
  return found == m_files.end() ? nullptr : &found->second;
}

tl::expected<nlohmann::json, std::string> SchemaLibrary::self_contained(std::string_view stem) const {
  nlohmann::json definitions = nlohmann::json::object();
  std::set<std::string> pending = {std::string(stem)};
  while (!pending.empty()) {
    const std::string name = *pending.begin();
    pending.erase(pending.begin());
    if (definitions.contains(name)) continue;
    const nlohmann::json* source = file(name);
    if (source == nullptr) return tl::unexpected("no schema file " + name + ".schema.json");
    std::set<std::string> reached;
    auto local = localise(*source, name, reached);
    if (!local) return tl::unexpected(local.error());
    definitions[name] = std::move(*local);
    for (const std::string& next : reached) {
      if (!definitions.contains(next)) pending.insert(next);
    }
  }
  return nlohmann::json{{"$schema", "http://json-schema.org/draft-07/schema#"},
                        {"$ref", "#/definitions/" + std::string(stem)},
                        {"definitions", std::move(definitions)}};
}

tl::expected<CompiledSchema, std::string> SchemaLibrary::compiled(std::string_view stem) const {
  {
    std::lock_guard<std::mutex> lock(m_cache_mutex);
    auto found = m_compiled.find(stem);
    if (found != m_compiled.end()) return found->second;
  }
  auto document = self_contained(stem);
  if (!document) return tl::unexpected(document.error());
  auto schema = CompiledSchema::compile(*document);
  if (!schema) return tl::unexpected(std::string(stem) + ".schema.json: " + schema.error());
  std::lock_guard<std::mutex> lock(m_cache_mutex);
  m_compiled.emplace(std::string(stem), *schema);
  return *schema;
}

}  // namespace contracts
