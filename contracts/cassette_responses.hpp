#pragma once
// The recorded answers of one cassette, read through the cassettes library
// (cassettes/cassette_file.hpp), as the contract checker sees them.
#include <filesystem>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "contracts/observed_response.hpp"
#include "contracts/recorded_contract.hpp"

namespace contracts {

struct CassetteResponses {
  RecordedAgainst recorded_against;        // what the metadata says it was recorded against
  std::vector<ObservedResponse> responses; // in recorded order; origin "FILE #N" (N from 1)
  std::vector<std::string> warnings;       // e.g. exchanges recovered from a journal
};

struct CassetteReadError {
  std::string message;          // says why, naming the file
  bool not_a_cassette = false;  // another JSON document (a schema, a fixture), not a cassette at all
};

tl::expected<CassetteResponses, CassetteReadError> read_cassette_responses(const std::filesystem::path& file);

}  // namespace contracts
