// `check` as a library over cassettes: the seed article's v1 cassette against the v2 schemas,
// version detection, directories, progress, unreadable files, and both renderings.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "contracts/check_report.hpp"
#include "contracts/check_runner.hpp"
#include "tests/contracts/support/documented_fixture.hpp"

namespace contracts::testing {
namespace {

std::filesystem::path cassette(const std::string& name) { return fixtures_dir() / "cassettes" / name; }

CheckReport check(std::vector<std::filesystem::path> inputs, std::optional<ApiVersion> version) {
  CheckOptions options;
  options.inputs = std::move(inputs);
  options.version = version;
  const BuiltinContracts contracts;
  auto report = run_check(options, contracts);
  EXPECT_TRUE(report.has_value()) << report.error();
  return report ? *report : CheckReport{};
}

TEST(CheckRunner, TheSeedV1CassetteAgainstV2GivesExactlyFileIdsAndToolResources) {
  const CheckReport report = check({cassette("seed_v1_assistant_and_thread.json")}, ApiVersion::v2);
  const std::vector<DriftRow> rows = drift_rows(report);
  ASSERT_EQ(rows.size(), 2U) << render_table(report);
  EXPECT_EQ(rows[0].endpoint, "POST /v1/assistants");
  EXPECT_EQ(rows[0].path, "$.file_ids");
  EXPECT_EQ(rows[0].kind, DriftKind::unknown_field);
  EXPECT_EQ(rows[0].got, "array []");
  EXPECT_EQ(rows[1].endpoint, "POST /v1/threads");
  EXPECT_EQ(rows[1].path, "$.tool_resources");
  EXPECT_EQ(rows[1].kind, DriftKind::missing_field);
  EXPECT_EQ(rows[1].expected, "required object|null");
  EXPECT_EQ(exit_status(report), 1);

  const std::string table = render_table(report);
  EXPECT_THAT(table, ::testing::HasSubstr("POST /v1/assistants  [v2]"));
  EXPECT_THAT(table, ::testing::HasSubstr("$.file_ids"));
  EXPECT_THAT(table, ::testing::HasSubstr("unknown_field (additive)"));
  EXPECT_THAT(table, ::testing::HasSubstr("$.tool_resources"));
  EXPECT_THAT(table, ::testing::HasSubstr("missing_field (breaking)"));
  const nlohmann::ordered_json json = render_json(report);
  EXPECT_EQ(json["drift_items"], 2);
  EXPECT_EQ(json["drift"][0]["endpoint"], "POST /v1/assistants");
  EXPECT_EQ(json["drift"][0]["path"], "$.file_ids");
  EXPECT_EQ(json["drift"][0]["kind"], "unknown_field");
  EXPECT_EQ(json["drift"][1]["path"], "$.tool_resources");
  EXPECT_EQ(json["drift"][1]["kind"], "missing_field");
  EXPECT_EQ(json["exit_status"], 1);
}

TEST(CheckRunner, TheWholeSeedSessionReportsV1FieldsAsDriftUnderV2) {
  const CheckReport report = check({cassette("seed_v1_full_session.json")}, ApiVersion::v2);
  ASSERT_EQ(report.responses.size(), 8U);
  const std::vector<DriftRow> rows = drift_rows(report);
  auto has = [&](const std::string& endpoint, const std::string& path, DriftKind kind) {
    return std::any_of(rows.begin(), rows.end(), [&](const DriftRow& r) {
      return r.endpoint == endpoint && r.path == path && r.kind == kind;
    });
  };
  EXPECT_TRUE(has("POST /v1/assistants", "$.file_ids", DriftKind::unknown_field));
  EXPECT_TRUE(has("POST /v1/threads", "$.tool_resources", DriftKind::missing_field));
  EXPECT_TRUE(has("GET /v1/threads/{thread_id}/messages", "$.data[*].file_ids", DriftKind::unknown_field));
  EXPECT_TRUE(has("GET /v1/threads/{thread_id}/messages", "$.data[*].attachments", DriftKind::missing_field));
  EXPECT_TRUE(has("POST /v1/threads/{thread_id}/runs", "$.file_ids", DriftKind::unknown_field));
  EXPECT_TRUE(has("POST /v1/threads/{thread_id}/runs", "$.parallel_tool_calls", DriftKind::missing_field));
  for (const DriftRow& row : rows) {
    EXPECT_TRUE(row.kind == DriftKind::unknown_field || row.kind == DriftKind::missing_field)
        << row.endpoint << " " << row.path << " " << to_string(row.kind);
  }
}

TEST(CheckRunner, TheSeedCassettesAreCleanAgainstTheVersionOfTheirTime) {
  const CheckReport report = check({cassette("")}, ApiVersion::v1_2023_12);
  EXPECT_EQ(report.files, 2U);
  EXPECT_EQ(report.responses.size(), 10U);
  EXPECT_THAT(drift_rows(report), ::testing::IsEmpty()) << render_table(report);
  EXPECT_EQ(exit_status(report), 0);
  EXPECT_THAT(render_table(report), ::testing::HasSubstr("No drift"));
}

TEST(CheckRunner, TakesTheVersionFromTheOverrideThenTheRequestThenTheCassette) {
  ObservedResponse response;
  EXPECT_EQ(version_for(response, std::nullopt, std::nullopt), ApiVersion::v2);
  EXPECT_EQ(version_for(response, std::string("assistants=v1"), std::nullopt), ApiVersion::v1_final);
  response.api_version = "assistants=v2";
  EXPECT_EQ(version_for(response, std::string("assistants=v1"), std::nullopt), ApiVersion::v2);
  EXPECT_EQ(version_for(response, std::string("assistants=v1"), ApiVersion::v1_2023_12), ApiVersion::v1_2023_12);
}

TEST(CheckRunner, ListsAnUnreadableCassetteAndExitsTwo) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "am_contracts_unreadable";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "broken.json") << "{ not json";
  std::ofstream(dir / "vcr.json") << R"({"version": 1, "interactions": []})";
  std::filesystem::copy_file(cassette("seed_v1_assistant_and_thread.json"), dir / "seed.json",
                             std::filesystem::copy_options::overwrite_existing);
  std::vector<CheckProgress> progress;
  CheckOptions options;
  options.inputs = {dir};
  options.on_progress = [&](const CheckProgress& p) { progress.push_back(p); };
  const BuiltinContracts contracts;
  auto report = run_check(options, contracts);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->files, 3U);
  ASSERT_EQ(report->unreadable.size(), 2U);
  EXPECT_THAT(report->unreadable[0].message, ::testing::HasSubstr("broken.json"));
  EXPECT_THAT(report->unreadable[1].message, ::testing::HasSubstr("vcrpy"));
  EXPECT_EQ(report->responses.size(), 2U);
  EXPECT_EQ(exit_status(*report), 2);
  ASSERT_EQ(progress.size(), 3U);
  EXPECT_EQ(progress.back().files_done, 3U);
  EXPECT_EQ(progress.back().files_total, 3U);
  std::filesystem::remove_all(dir);
}

TEST(CheckRunner, RefusesAnInputThatDoesNotExist) {
  CheckOptions options;
  options.inputs = {"/nonexistent/cassettes"};
  const BuiltinContracts contracts;
  auto report = run_check(options, contracts);
  ASSERT_FALSE(report.has_value());
  EXPECT_THAT(report.error(), ::testing::HasSubstr("/nonexistent/cassettes: no such file or directory"));
}

}  // namespace
}  // namespace contracts::testing
