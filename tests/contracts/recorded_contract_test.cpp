// contract_for(): the one decision about which contract a recorded response is judged by,
// as a full table (contracts/recorded_contract.hpp).
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "contracts/recorded_contract.hpp"

namespace contracts::testing {
namespace {

using Text = std::optional<std::string>;

struct Row {
  const char* why;
  Text override_name;  // --api-version
  Text contract;       // meta.contract
  Text cassette_beta;  // meta.api_version
  Text request_beta;   // the request's OpenAI-Beta
  const char* recorded_at;
  const char* expected;
};

const Row k_table[] = {
    {"nothing said: v2", {}, {}, {}, {}, "2026-11-25T15:53:47Z", "v2"},
    {"the request says v2", {}, {}, {}, "assistants=v2", "2024-06-01T00:00:00Z", "v2"},
    {"the cassette says v2", {}, {}, "assistants=v2", {}, "2024-06-01T00:00:00Z", "v2"},
    {"the request wins over the cassette", {}, {}, "assistants=v1", "assistants=v2", "2024-06-01T00:00:00Z", "v2"},
    {"an unknown request header falls back to the cassette's", {}, {}, "assistants=v2", "assistants=v7",
     "2024-06-01T00:00:00Z", "v2"},
    {"v1 recorded in December 2023", {}, {}, "assistants=v1", "assistants=v1", "2023-12-10T06:22:49Z", "v1-2023-12"},
    {"v1 the day before the final v1 spec", {}, {}, {}, "assistants=v1", "2024-04-15T23:59:59Z", "v1-2023-12"},
    {"v1 on the day of the final v1 spec", {}, {}, {}, "assistants=v1", "2024-04-16T00:00:00Z", "v1-final"},
    {"v1 while OpenAI served the final v1", {}, {}, {}, "assistants=v1", "2024-10-01T12:00:00Z", "v1-final"},
    // The timeline's v1_shutdown day (timeline/api_events.cpp), the one `serve --as-of` uses.
    {"v1 the day before OpenAI refused v1", {}, {}, {}, "assistants=v1", "2024-12-17T23:59:59Z", "v1-final"},
    {"v1 from the day OpenAI refused v1: the mock's", {}, {}, {}, "assistants=v1", "2024-12-18T00:00:00Z",
     "v1-2023-12"},
    {"v1 a day that is no date: v1-final", {}, {}, {}, "assistants=v1", "2024-02-30T00:00:00Z", "v1-final"},
    {"v1 from the mock, as the examples were recorded", {}, {}, "assistants=v1", "assistants=v1",
     "2026-11-25T15:53:47Z", "v1-2023-12"},
    {"only the cassette says v1", {}, {}, "assistants=v1", {}, "2026-11-25T15:53:47Z", "v1-2023-12"},
    {"v1 among other beta features", {}, {}, {}, "realtime=v1, assistants=v1", "2024-05-01T00:00:00Z", "v1-final"},
    {"v1 without a readable date: v1-final, what plain v1 names", {}, {}, {}, "assistants=v1", "yesterday",
     "v1-final"},
    {"v1 without any date", {}, {}, {}, "assistants=v1", "", "v1-final"},
    {"a header naming the exact contract keeps it", {}, {}, {}, "assistants=v1-2023-12", "2024-06-01T00:00:00Z",
     "v1-2023-12"},
    {"meta.contract wins over the headers and the date", {}, "v1-final", "assistants=v1", "assistants=v1",
     "2026-11-25T15:53:47Z", "v1-final"},
    {"meta.contract v2 over a v1 header", {}, "v2", {}, "assistants=v1", "2023-12-10T06:22:49Z", "v2"},
    {"an unknown meta.contract is ignored", {}, "v9", {}, "assistants=v1", "2023-12-10T06:22:49Z", "v1-2023-12"},
    {"--api-version wins over everything", "v2", "v1-final", "assistants=v1", "assistants=v1",
     "2023-12-10T06:22:49Z", "v2"},
    {"--api-version v1 is v1-final", "v1", {}, {}, "assistants=v1", "2026-11-25T15:53:47Z", "v1-final"},
};

TEST(RecordedContract, TheWholeTable) {
  for (const Row& row : k_table) {
    SCOPED_TRACE(row.why);
    std::optional<ApiVersion> override_version;
    if (row.override_name) {
      override_version = parse_api_version(*row.override_name);
      ASSERT_TRUE(override_version.has_value());
    }
    const RecordedAgainst cassette{row.cassette_beta, row.contract, row.recorded_at};
    EXPECT_EQ(to_string(contract_for(row.request_beta, cassette, override_version)), row.expected);
  }
}

TEST(RecordedContract, PlainV1IsTellableFromTheNamedContracts) {
  EXPECT_TRUE(is_plain_v1("assistants=v1"));
  EXPECT_TRUE(is_plain_v1("v1"));
  EXPECT_TRUE(is_plain_v1("realtime=v1, assistants=v1"));
  EXPECT_FALSE(is_plain_v1("assistants=v1-final"));
  EXPECT_FALSE(is_plain_v1("v1-2023-12"));
  EXPECT_FALSE(is_plain_v1("assistants=v2"));
  EXPECT_FALSE(is_plain_v1(""));
  EXPECT_EQ(parse_api_version("assistants=v1"), ApiVersion::v1_final);
}

}  // namespace
}  // namespace contracts::testing
