#pragma once
// Reads an OpenAPI document, YAML or JSON, into JSON. yaml-cpp stays in document_loader.cpp.
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

namespace contracts::openapi {

// The file as JSON; the error names the file and what is wrong (unreadable, bad syntax with
// the line, nesting deeper than any API document needs).
tl::expected<nlohmann::json, std::string> load_document(const std::filesystem::path& file);

// The same for text in memory; `name` is used in error messages.
tl::expected<nlohmann::json, std::string> parse_document(std::string_view text, const std::string& name);

}  // namespace contracts::openapi
