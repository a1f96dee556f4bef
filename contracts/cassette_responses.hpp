#pragma once
// The recorded answers of one cassette, read through the cassettes library
// (cassettes/cassette_file.hpp), as the contract checker sees them.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "contracts/observed_response.hpp"

namespace contracts {

struct CassetteResponses {
  std::optional<std::string> api_version;  // meta.api_version (the OpenAI-Beta header recorded)
  std::vector<ObservedResponse> responses; // in recorded order; origin "FILE #N" (N from 1)
  std::vector<std::string> warnings;       // e.g. exchanges recovered from a journal
};

// The error says why the file cannot be read, naming the file.
tl::expected<CassetteResponses, std::string> read_cassette_responses(const std::filesystem::path& file);

}  // namespace contracts
