#pragma once
// The official OpenAPI documents vendored in contracts/specs/ (source commits in its README),
// loaded once per test process. A missing file fails the test that needs it, naming the file:
// the checks against the official specs must not pass by being skipped.
#include <filesystem>
#include <string>

#include "contracts/openapi/spec_contracts.hpp"

namespace contracts::testing {

// contracts/specs/<file_name> in the source tree.
std::filesystem::path official_spec_path(const std::string& file_name);

// The loaded document; ADD_FAILURE()s and returns nullptr when it is missing or unreadable.
// `load_ms` (if given) receives the time the first load took.
const openapi::SpecContracts* official_spec(const std::string& file_name, double* load_ms = nullptr);

}  // namespace contracts::testing
