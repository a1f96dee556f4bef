// Fuzz target: OpenAPI documents, YAML or JSON, as `check --spec FILE` reads them: the
// document loader (contracts/openapi/document_loader.cpp, the yaml-cpp user), the index of
// operations (spec_contracts.cpp), the schema conversion to draft 7 (schema_converter.cpp)
// and valijson compiling it and validating responses with it (validator.cpp).
//
// For each operation the document declares, contracts are looked up as `check` does for a
// recorded response (a few statuses, plain and streamed) and each contract found validates a
// few typical response bodies. Every failure is an error value in this API: nothing may be
// thrown, and nothing may recurse without bound.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "contracts/openapi/document_loader.hpp"
#include "contracts/openapi/spec_contracts.hpp"

namespace {

constexpr std::size_t k_max_lookups = 64;
constexpr std::array<const char*, 8> k_methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};
constexpr std::array<int, 4> k_statuses = {200, 201, 404, 500};

// "/threads/{thread_id}/runs" -> "/threads/x/runs": a path the template matches.
std::string concrete_path(const std::string& template_path) {
  std::string out;
  bool in_name = false;
  for (const char c : template_path) {
    if (c == '{') {
      in_name = true;
      out += 'x';
    } else if (c == '}') {
      in_name = false;
    } else if (!in_name) {
      out += c;
    }
  }
  return out;
}

const std::array<nlohmann::json, 6>& sample_bodies() {
  static const std::array<nlohmann::json, 6> k_bodies = {
      nlohmann::json::object(),
      nlohmann::json::array({1, "a", nullptr}),
      nlohmann::json("thread"),
      nlohmann::json(nullptr),
      nlohmann::json{{"id", "thread_abc"}, {"object", "thread"}, {"created_at", 1699012949}, {"metadata", {}}},
      nlohmann::json{{"object", "list"}, {"data", nlohmann::json::array({{{"id", "x"}}})}, {"first_id", nullptr},
                     {"last_id", "x"}, {"has_more", false}},
  };
  return k_bodies;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto document = contracts::openapi::parse_document(text, "fuzz.yaml");
  if (!document) return 0;
  const nlohmann::json paths = document->is_object() ? document->value("paths", nlohmann::json()) : nlohmann::json();
  auto spec = contracts::openapi::SpecContracts::from_document(std::move(*document), "fuzz.yaml");
  if (!spec) return 0;

  std::size_t lookups = 0;
  for (const auto& [template_path, item] : paths.items()) {
    for (const char* method : k_methods) {
      if (!item.is_object() || !item.contains(method)) continue;
      std::string upper(method);
      for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');
      for (const int status : k_statuses) {
        for (const bool streamed : {false, true}) {
          if (++lookups > k_max_lookups) return 0;
          auto contract = spec->find(upper, concrete_path(template_path), status, contracts::ApiVersion::v2, streamed);
          if (!contract) continue;
          for (const nlohmann::json& body : sample_bodies()) (void)contracts::validate(body, contract->compiled);
        }
      }
    }
  }
  return 0;
}
