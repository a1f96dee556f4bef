// Every documented response (contracts/fixtures/) checked against the built-in schema of its
// endpoint (contracts/schemas/responses/ for the Responses API): the seed article's December
// 2023 answers validate, and the documented v2 and Responses examples depart from their schema
// exactly as recorded in their expected_drift (reviewed by hand).
#include <gtest/gtest.h>

#include <cctype>

#include "contracts/response_check.hpp"
#include "tests/contracts/support/documented_fixture.hpp"

namespace contracts::testing {
namespace {

std::vector<DocumentedFixture> all_fixtures() {
  std::vector<DocumentedFixture> all;
  for (const char* subdir : {"v1-2023-12", "v1-final", "v2", "responses"}) {
    if (!std::filesystem::exists(fixtures_dir() / subdir)) continue;
    for (auto& fixture : load_fixtures(subdir)) all.push_back(std::move(fixture));
  }
  return all;
}

class DocumentedResponse : public ::testing::TestWithParam<DocumentedFixture> {};

TEST_P(DocumentedResponse, DepartsFromItsSchemaOnlyAsRecorded) {
  const DocumentedFixture& fixture = GetParam();
  const BuiltinContracts contracts;
  const ResponseCheck check = check_response(fixture.response, fixture.version, contracts);
  ASSERT_FALSE(check.unchecked.has_value()) << fixture.file << ": " << *check.unchecked;
  const nlohmann::ordered_json drift = drift_as_json(check);
  if (maybe_update_golden(fixture, drift)) GTEST_SKIP() << "rewrote expected_drift of " << fixture.file;
  EXPECT_EQ(drift.dump(2), fixture.document.at("expected_drift").dump(2))
      << fixture.file << " (" << check.endpoint << " against " << check.schema
      << "); if the change is intended, rerun with UPDATE_GOLDEN=1 and review the diff";
}

INSTANTIATE_TEST_SUITE_P(Fixtures, DocumentedResponse, ::testing::ValuesIn(all_fixtures()),
                         [](const ::testing::TestParamInfo<DocumentedFixture>& param_info) {
                           const bool responses = param_info.param.file.parent_path().filename() == "responses";
                           std::string name = (responses ? std::string("responses") : to_string(param_info.param.version)) +
                                              "_" + param_info.param.name;
                           for (char& c : name) {
                             if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
                           }
                           return name;
                         });

TEST(DocumentedResponses, TheSeedArticleValidatesAgainstTheDecember2023Schemas) {
  const auto seed = load_fixtures("v1-2023-12");
  ASSERT_EQ(seed.size(), 8U) << "the seed article documents eight responses";
  const BuiltinContracts contracts;
  for (const DocumentedFixture& fixture : seed) {
    const ResponseCheck check = check_response(fixture.response, ApiVersion::v1_2023_12, contracts);
    EXPECT_FALSE(check.unchecked.has_value()) << fixture.file;
    EXPECT_TRUE(check.drift.empty()) << fixture.file << ": " << drift_as_json(check).dump(2);
  }
}

}  // namespace
}  // namespace contracts::testing
