#pragma once
// The documented responses in contracts/fixtures/: one JSON file per documented answer,
// {source, api_version, request{method, path}, response{status, body | events}, expected_drift}.
// expected_drift lists the ways the documentation itself departs from its schema (empty for
// the seed article); UPDATE_GOLDEN=1 rewrites it for review.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "contracts/api_version.hpp"
#include "contracts/observed_response.hpp"
#include "contracts/response_check.hpp"

namespace contracts::testing {

struct DocumentedFixture {
  std::filesystem::path file;
  std::string name;  // file stem, usable as a test name
  nlohmann::ordered_json document;
  ApiVersion version = ApiVersion::v2;
  ObservedResponse response;
};

// GoogleTest names a parameter by this, not by a dump of its bytes.
inline void PrintTo(const DocumentedFixture& fixture, std::ostream* out) {
  *out << fixture.file.filename().string();
}

// contracts/fixtures/ in the source tree.
std::filesystem::path fixtures_dir();
// Every fixture under fixtures_dir()/SUBDIR, sorted by file name. Throws on a malformed file.
std::vector<DocumentedFixture> load_fixtures(const std::string& subdir);

// [{"path", "kind", "expected", "got"} (+ "event" for streams)], in the order found.
nlohmann::ordered_json drift_as_json(const ResponseCheck& check);

// Rewrites the fixture's expected_drift when UPDATE_GOLDEN=1; returns whether it did.
bool maybe_update_golden(const DocumentedFixture& fixture, const nlohmann::ordered_json& drift);

}  // namespace contracts::testing
