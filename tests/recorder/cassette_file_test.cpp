// Load, atomic save and the journal: every completed exchange is on disk when append()
// returns, and a recorder that dies at any point leaves a cassette that loads.
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "cassettes/cassette_file.hpp"
#include "cassettes/cassette_json.hpp"
#include "cassettes/cassette_writer.hpp"
#include "cassettes/durable_file.hpp"
#include "cassettes/journal.hpp"
#include "tests/recorder/support/harness.hpp"

namespace cassettes {
namespace {
using recorder_tests::TempDir;

Interaction numbered(int n) {
  Interaction interaction;
  interaction.request = {"GET", "/v1/assistants/asst_" + std::to_string(n), {}, {}, NoBody{}};
  interaction.response = {200, {{"content-type", "application/json"}}, JsonBody{Json{{"id", "asst_" + std::to_string(n)}}}};
  return interaction;
}

Cassette empty_cassette() {
  Cassette cassette;
  cassette.meta = {"assistants-mock test", "2024-01-01T00:00:00Z", "http://upstream", std::nullopt, {}};
  return cassette;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t loaded_count(const std::filesystem::path& path) {
  auto loaded = load_cassette(path);
  EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : loaded.error().message);
  return loaded ? loaded->cassette.interactions.size() : 0;
}

TEST(CassetteWriter, WritesNothingUntilTheFirstExchange) {
  TempDir dir;
  {
    CassetteWriter writer(dir / "c.json", empty_cassette());
    ASSERT_TRUE(writer.finish().has_value());
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "c.json"));
  EXPECT_FALSE(std::filesystem::exists(dir / "c.json.journal"));
}

TEST(CassetteWriter, EachAppendIsOnDiskAtOnceAndFinishFoldsTheJournalIn) {
  TempDir dir;
  CassetteWriter writer(dir / "c.json", empty_cassette());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(writer.append(numbered(i)).has_value());
    EXPECT_EQ(loaded_count(dir / "c.json"), static_cast<std::size_t>(i + 1)) << "without finish()";
  }
  ASSERT_TRUE(writer.finish().has_value());
  EXPECT_FALSE(std::filesystem::exists(dir / "c.json.journal"));
  auto document = Json::parse(read(dir / "c.json"));
  EXPECT_EQ(document["interactions"].size(), 5U) << "the file alone holds everything after finish()";
  ASSERT_TRUE(writer.finish().has_value()) << "idempotent";
  ASSERT_TRUE(writer.append(numbered(5)).has_value()) << "appending after finish starts a new journal";
  EXPECT_EQ(loaded_count(dir / "c.json"), 6U);
}

TEST(CassetteWriter, NothingIsRewrittenDuringASessionTheJournalHoldsIt) {
  TempDir dir;
  CassetteWriter writer(dir / "c.json", empty_cassette());
  for (int i = 0; i < 600; ++i) ASSERT_TRUE(writer.append(numbered(i)).has_value());
  const auto file_alone = Json::parse(read(dir / "c.json"));
  EXPECT_EQ(file_alone["interactions"].size(), 0U) << "written once, before the first exchange; never again until finish()";
  EXPECT_EQ(loaded_count(dir / "c.json"), 600U) << "the journal has every exchange";
  ASSERT_TRUE(writer.finish().has_value());
  EXPECT_EQ(Json::parse(read(dir / "c.json"))["interactions"].size(), 600U);
  EXPECT_FALSE(std::filesystem::exists(dir / "c.json.journal"));
}

TEST(CassetteWriter, ASessionStartFoldsInTheJournalAnEarlierSessionLeft) {
  TempDir dir;
  {
    CassetteWriter writer(dir / "c.json", empty_cassette());
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(writer.append(numbered(i)).has_value());
  }  // no finish(): as if killed
  auto loaded = load_cassette(dir / "c.json");
  ASSERT_TRUE(loaded.has_value());
  CassetteWriter next(dir / "c.json", std::move(loaded->cassette));
  ASSERT_TRUE(next.append(numbered(3)).has_value());
  EXPECT_EQ(Json::parse(read(dir / "c.json"))["interactions"].size(), 3U) << "the leftovers, folded in at the start";
  EXPECT_EQ(loaded_count(dir / "c.json"), 4U);
}

TEST(Journal, APartialLastLineIsTheExchangeInFlightAndIsDropped) {
  TempDir dir;
  {
    CassetteWriter writer(dir / "c.json", empty_cassette());
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(writer.append(numbered(i)).has_value());
  }  // no finish(): as if killed
  {
    std::ofstream journal(dir / "c.json.journal", std::ios::app);
    const std::string line = journal_entry_line(3, numbered(3));
    journal << line.substr(0, line.size() / 2);  // killed mid-write
  }
  auto loaded = load_cassette(dir / "c.json");
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ(loaded->cassette.interactions.size(), 3U);
  EXPECT_EQ(loaded->recovered_from_journal, 3U);
  ASSERT_EQ(loaded->warnings.size(), 1U);
  EXPECT_NE(loaded->warnings[0].find("incomplete"), std::string::npos) << loaded->warnings[0];
}

TEST(Journal, EntriesAlreadyInTheCassetteAreNotDoubled) {
  // The recorder died after rewriting the cassette and before emptying the journal.
  TempDir dir;
  Cassette cassette = empty_cassette();
  std::string journal = journal_header_line(cassette.meta);
  for (int i = 0; i < 4; ++i) {
    journal += journal_entry_line(static_cast<std::size_t>(i), numbered(i));
    if (i < 3) cassette.interactions.push_back(numbered(i));
  }
  ASSERT_TRUE(save_cassette(dir / "c.json", cassette).has_value());
  ASSERT_TRUE(write_file_atomically(dir / "c.json.journal", journal).has_value());
  auto loaded = load_cassette(dir / "c.json");
  ASSERT_TRUE(loaded.has_value());
  ASSERT_EQ(loaded->cassette.interactions.size(), 4U);
  EXPECT_EQ(loaded->recovered_from_journal, 1U);
  EXPECT_EQ(std::get<JsonBody>(loaded->cassette.interactions[3].response.body).value["id"], "asst_3");
}

TEST(Journal, AJournalOfAnotherRecordingIsIgnored) {
  TempDir dir;
  ASSERT_TRUE(save_cassette(dir / "c.json", empty_cassette()).has_value());
  CassetteMeta other = empty_cassette().meta;
  other.recorded_at = "2030-01-01T00:00:00Z";
  ASSERT_TRUE(write_file_atomically(dir / "c.json.journal",
                                    journal_header_line(other) + journal_entry_line(0, numbered(0)))
                  .has_value());
  auto loaded = load_cassette(dir / "c.json");
  ASSERT_TRUE(loaded.has_value());
  EXPECT_TRUE(loaded->cassette.interactions.empty());
  ASSERT_EQ(loaded->warnings.size(), 1U);
  EXPECT_NE(loaded->warnings[0].find("another recording"), std::string::npos);
}

TEST(Journal, StopsAtAGapOrAGarbledLine) {
  TempDir dir;
  const Cassette cassette = empty_cassette();
  ASSERT_TRUE(save_cassette(dir / "c.json", cassette).has_value());
  ASSERT_TRUE(write_file_atomically(dir / "c.json.journal",
                                    journal_header_line(cassette.meta) + journal_entry_line(0, numbered(0)) +
                                        "\x01\x02 garbage\n" + journal_entry_line(1, numbered(1)))
                  .has_value());
  EXPECT_EQ(loaded_count(dir / "c.json"), 1U);
  ASSERT_TRUE(write_file_atomically(dir / "c.json.journal",
                                    journal_header_line(cassette.meta) + journal_entry_line(1, numbered(1)))
                  .has_value());
  EXPECT_EQ(loaded_count(dir / "c.json"), 0U);
}

TEST(CassetteFile, LoadErrorsNameTheFileAndTheProblem) {
  TempDir dir;
  const auto missing = load_cassette(dir / "none.json");
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("none.json"), std::string::npos);
  ASSERT_TRUE(write_file_atomically(dir / "bad.json", "{\"format\": \n").has_value());
  const auto bad = load_cassette(dir / "bad.json");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("not valid JSON"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("line 2"), std::string::npos) << bad.error().message;
  ASSERT_TRUE(write_file_atomically(dir / "deep.json", std::string(10000, '[') + std::string(10000, ']')).has_value());
  EXPECT_NE(load_cassette(dir / "deep.json").error().message.find("nested more than"), std::string::npos);
}

TEST(CassetteFile, SaveReplacesAtomicallyAndLeavesNoTemporaryFile) {
  TempDir dir;
  Cassette cassette = empty_cassette();
  ASSERT_TRUE(save_cassette(dir / "c.json", cassette).has_value());
  cassette.interactions.push_back(numbered(1));
  ASSERT_TRUE(save_cassette(dir / "c.json", cassette).has_value());
  EXPECT_EQ(loaded_count(dir / "c.json"), 1U);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1U);
}

TEST(CassetteWriter, TheFirstAppendRemovesTemporaryFilesOfAKilledRecorder) {
  TempDir dir;
  // A pid that has certainly ended: a child that exited and was reaped.
  const pid_t gone = ::fork();
  if (gone == 0) ::_exit(0);
  ASSERT_GT(gone, 0);
  ::waitpid(gone, nullptr, 0);
  const auto abandoned = dir / ("c.json.tmp-" + std::to_string(gone) + "-0");
  const auto live = dir / ("c.json.tmp-" + std::to_string(::getpid()) + "-99");  // a writer that still runs
  const auto other = dir / ("d.json.tmp-" + std::to_string(gone) + "-0");        // another cassette's
  for (const auto& path : {abandoned, live, other}) std::ofstream(path) << "{\"format\": \"assistants-mock-cas";
  CassetteWriter writer(dir / "c.json", empty_cassette());
  EXPECT_TRUE(std::filesystem::exists(abandoned)) << "nothing touches the disk before the first append";
  ASSERT_TRUE(writer.append(numbered(1)).has_value());
  EXPECT_FALSE(std::filesystem::exists(abandoned));
  EXPECT_TRUE(std::filesystem::exists(live));
  EXPECT_TRUE(std::filesystem::exists(other));
}

}  // namespace
}  // namespace cassettes
