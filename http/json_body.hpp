#pragma once
// Request bodies are parsed here, once, with a nesting bound: nlohmann parses deep
// documents fine but dump() of one overflows the stack (TOOLCHAIN.md), and we echo
// client JSON (metadata, tool parameters) back out.
#include <string_view>

#include "http/json.hpp"

namespace mock::http {

constexpr int k_max_json_depth = 64;

// Parses a request body that must be a JSON object. An empty body gives an empty
// object (the service treats a missing optional body that way). Throws ApiError 400
// with the service's wording when the text is not JSON, nests too deep, or is not an object.
Json parse_json_object_body(std::string_view body);

}  // namespace mock::http
