#pragma once
// The Assistants API versions the contracts know. Each has its own schema directory.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace contracts {

enum class ApiVersion {
  v1_2023_12,  // December 2023: the shapes of the seed article (spec of 2023-12-22)
  v1_final,    // the last v1 spec (2024-04-16)
  v2,          // v2 as of the newest spec (2026-08-21)
};

// "v1-2023-12", "v1-final", "v2": also the schema directory names.
std::string to_string(ApiVersion version);

// Accepts the names above, "v1" (= v1-final, the last v1 contract) and OpenAI-Beta header
// values ("assistants=v1", "assistants=v2", with other comma-separated features around).
std::optional<ApiVersion> parse_api_version(std::string_view text);

// Whether `text` (a name or an OpenAI-Beta value) says plain "v1" ("assistants=v1"). The
// service's v1 changed under that one name, so what it means depends on when it was sent
// (contracts/recorded_contract.hpp); parse_api_version reads it as the last contract, v1-final.
bool is_plain_v1(std::string_view text);

const std::vector<ApiVersion>& all_api_versions();
bool is_v1(ApiVersion version);

}  // namespace contracts
