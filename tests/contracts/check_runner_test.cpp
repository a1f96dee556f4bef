// `check` as a library over cassettes: the seed article's v1 cassette against the v2 schemas,
// the contract each cassette is judged by, directories (files that are not cassettes, no
// cassette at all), progress, unreadable files, and both renderings.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "contracts/check_report.hpp"
#include "contracts/check_runner.hpp"
#include "tests/contracts/support/documented_fixture.hpp"

namespace contracts::testing {
namespace {

std::filesystem::path cassette(const std::string& name) { return fixtures_dir() / "cassettes" / name; }

// A fresh directory under the system's temporary directory, removed afterwards.
struct TempCassetteDir {
  explicit TempCassetteDir(const std::string& name) : path(std::filesystem::temp_directory_path() / name) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempCassetteDir() { std::filesystem::remove_all(path); }
  TempCassetteDir(const TempCassetteDir&) = delete;
  TempCassetteDir& operator=(const TempCassetteDir&) = delete;
  std::filesystem::path path;
};

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

TEST(CheckRunner, JudgesEachCassetteByWhatItWasRecordedAgainst) {
  // The seed cassettes were recorded in December 2023 with assistants=v1: v1-2023-12, clean.
  const CheckReport seed = check({cassette("")}, std::nullopt);
  EXPECT_EQ(seed.responses.size(), 10U);
  EXPECT_THAT(drift_rows(seed), ::testing::IsEmpty()) << render_table(seed);
  // The examples were recorded from the mock, after OpenAI stopped answering v1: its v1 is the
  // seed article's, so seed_article_v1.json is judged as v1-2023-12 and the directory is clean.
  const CheckReport examples = check({std::filesystem::path(AM_SOURCE_DIR) / "cassettes" / "examples"}, std::nullopt);
  EXPECT_EQ(examples.files, 7U);
  EXPECT_THAT(drift_rows(examples), ::testing::IsEmpty()) << render_table(examples);
  EXPECT_EQ(exit_status(examples), 0);
  std::set<std::string> versions;
  for (const ResponseCheck& response : examples.responses) {
    if (response.origin.rfind("seed_article_v1.json", 0) == 0) versions.insert(to_string(response.version));
  }
  EXPECT_EQ(versions, std::set<std::string>{"v1-2023-12"});
  // --api-version still overrides: the mock's v1 answers lack what the final v1 added.
  const CheckReport as_final = check({std::filesystem::path(AM_SOURCE_DIR) / "cassettes" / "examples" /
                                      "seed_article_v1.json"}, ApiVersion::v1_final);
  EXPECT_EQ(exit_status(as_final), 1);
}

TEST(CheckRunner, MetaContractSaysWhatTheCassetteIsJudgedBy) {
  TempCassetteDir dir("am_contracts_meta_contract");
  nlohmann::ordered_json document = nlohmann::ordered_json::parse(
      std::ifstream(std::filesystem::path(AM_SOURCE_DIR) / "cassettes" / "examples" / "seed_article_v1.json"));
  document["meta"]["contract"] = "v1-final";
  std::ofstream(dir.path / "final.json") << document.dump(2);
  document["meta"]["contract"] = "v9";
  std::ofstream(dir.path / "unknown.json") << document.dump(2);
  const CheckReport final_report = check({dir.path / "final.json"}, std::nullopt);
  EXPECT_EQ(exit_status(final_report), 1);
  EXPECT_EQ(final_report.responses.front().version, ApiVersion::v1_final);
  const CheckReport unknown = check({dir.path / "unknown.json"}, std::nullopt);
  EXPECT_EQ(exit_status(unknown), 0) << render_table(unknown);
  ASSERT_EQ(unknown.warnings.size(), 1U);
  EXPECT_THAT(unknown.warnings[0], ::testing::HasSubstr("meta.contract \"v9\" is not v1-2023-12, v1-final or v2"));
}

TEST(CheckRunner, SkipsJsonFilesInADirectoryThatAreNotCassettes) {
  // cassettes/ holds the format's JSON Schema beside examples/: skipped, not an error.
  const CheckReport report = check({std::filesystem::path(AM_SOURCE_DIR) / "cassettes"}, std::nullopt);
  EXPECT_EQ(report.files, 7U);
  ASSERT_EQ(report.skipped.size(), 1U);
  EXPECT_THAT(report.skipped[0].file, ::testing::EndsWith("cassette.schema.json"));
  EXPECT_THAT(report.unreadable, ::testing::IsEmpty());
  EXPECT_EQ(exit_status(report), 0) << render_table(report);
  EXPECT_EQ(render_json(report)["skipped"][0]["file"], report.skipped[0].file);
  // Named on the command line, a file that is not a cassette is still an error.
  const CheckReport named = check({std::filesystem::path(AM_SOURCE_DIR) / "cassettes" / "cassette.schema.json"},
                                  std::nullopt);
  EXPECT_EQ(named.unreadable.size(), 1U);
  EXPECT_EQ(exit_status(named), 2);
}

TEST(CheckRunner, ADirectoryWithoutACassetteIsAnErrorNotNoDrift) {
  TempCassetteDir dir("am_contracts_no_cassettes");
  CheckOptions options;
  options.inputs = {dir.path};
  const BuiltinContracts contracts;
  auto empty = run_check(options, contracts);
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error(), "no cassettes found in " + dir.path.string());
  std::ofstream(dir.path / "notes.json") << R"({"title": "not a cassette"})";
  std::ofstream(dir.path / "readme.txt") << "cassettes go here";
  auto only_other_json = run_check(options, contracts);
  ASSERT_FALSE(only_other_json.has_value());
  EXPECT_EQ(only_other_json.error(),
            "no cassettes found in " + dir.path.string() + " (1 *.json file is not a cassette)");
  // One good input does not hide an empty one.
  options.inputs = {cassette(""), dir.path};
  auto mixed = run_check(options, contracts);
  ASSERT_FALSE(mixed.has_value());
  EXPECT_THAT(mixed.error(), ::testing::HasSubstr("no cassettes found in " + dir.path.string()));
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
