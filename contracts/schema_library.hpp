#pragma once
// The JSON Schema files of one API version (or of the Responses API), and self-contained documents built from them.
// Files refer to each other ("common.schema.json#/definitions/tool"); a validator gets one
// document per entry schema: the entry file and every file it reaches, placed under
// "definitions" with each $ref rewritten to a local pointer.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "contracts/api_version.hpp"
#include "contracts/validator.hpp"

namespace contracts {

class SchemaLibrary {
public:
  // `files`: file stem ("run" for run.schema.json) -> parsed schema.
  explicit SchemaLibrary(std::map<std::string, nlohmann::json> files);

  // The schemas built into the program for `version` (parsed once, shared, thread-safe).
  static const SchemaLibrary& builtin(ApiVersion version);
  // The built-in schemas of the Responses and Conversations API (contracts/schemas/responses/).
  static const SchemaLibrary& builtin_responses();
  // The built-in schemas of a directory an EndpointContract names: a version's or "responses".
  static const SchemaLibrary& builtin_directory(std::string_view directory);

  bool has(std::string_view stem) const;
  std::vector<std::string> stems() const;
  const nlohmann::json* file(std::string_view stem) const;

  // The self-contained document for `stem`; the error names an unknown file or a bad $ref.
  tl::expected<nlohmann::json, std::string> self_contained(std::string_view stem) const;
  // The same, compiled; compiled once per stem and cached.
  tl::expected<CompiledSchema, std::string> compiled(std::string_view stem) const;

private:
  std::map<std::string, nlohmann::json, std::less<>> m_files;
  mutable std::mutex m_cache_mutex;
  mutable std::map<std::string, CompiledSchema, std::less<>> m_compiled;
};

}  // namespace contracts
