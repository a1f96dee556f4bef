#pragma once
// Parsing JSON from outside (bodies, cassette files, journals) safely and fast.
// Safely: nlohmann parses any depth, but dump() recurses and overflows the stack on deep
// nesting (TOOLCHAIN.md), so documents deeper than a limit are refused at the door.
// Fast: see bounded_json.cpp on why this file is optimised in every build type.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "cassettes/cassette.hpp"

namespace cassettes {

inline constexpr std::size_t k_max_body_depth = 128;
// A cassette nests bodies a few levels down (interactions -> response -> body -> json).
inline constexpr std::size_t k_max_cassette_depth = k_max_body_depth + 16;

// True when brackets outside strings nest deeper than `max_depth` (a quick scan, no parse).
bool nests_deeper_than(std::string_view text, std::size_t max_depth);

// nullopt when `text` is not one JSON document or nests deeper than `max_depth`.
std::optional<Json> parse_json_bounded(std::string_view text, std::size_t max_depth);

// The same, with the reason (the parser's words, with line and column) on failure.
tl::expected<Json, std::string> parse_json_document(std::string_view text, std::size_t max_depth);

// Depth of the deepest container (a scalar has depth 0), counted without recursion.
std::size_t json_depth(const Json& value);

}  // namespace cassettes
