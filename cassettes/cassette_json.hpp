#pragma once
// The cassette format (FORMAT.md, cassette.schema.json) <-> in-memory values.
// Writing gives keys in one fixed order so re-recording the same session gives the same
// bytes; reading checks every field and names the JSON location of the first bad one.
#include <tl/expected.hpp>

#include "cassettes/cassette.hpp"
#include "cassettes/cassette_error.hpp"

namespace cassettes {

inline constexpr const char* k_format_name = "assistants-mock-cassette";
inline constexpr int k_format_version = 1;

Json cassette_to_json(const Cassette& cassette);
Json meta_to_json(const CassetteMeta& meta);
Json interaction_to_json(const Interaction& interaction);

// Takes the document apart (moves bodies out of it). Unknown format versions are refused
// with the upgrade path in the message.
tl::expected<Cassette, CassetteError> cassette_from_json(Json&& document);
tl::expected<Interaction, CassetteError> interaction_from_json(Json&& value, const std::string& where);

}  // namespace cassettes
