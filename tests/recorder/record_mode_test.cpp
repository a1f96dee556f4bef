// The record-mode decision as a full table (STYLE.md §6): every mode x cassette existed x hit.
#include <gtest/gtest.h>

#include "recorder/record_mode.hpp"

namespace recorder {
namespace {

struct Row {
  RecordMode mode;
  bool existed;
  bool hit;
  Action expected;
};

TEST(RecordMode, DecisionTable) {
  const Row table[] = {
      {RecordMode::none, false, false, Action::refuse},
      {RecordMode::none, false, true, Action::replay},
      {RecordMode::none, true, false, Action::refuse},
      {RecordMode::none, true, true, Action::replay},
      // once: a new cassette records everything (a repeated poll must reach the upstream)
      {RecordMode::once, false, false, Action::forward_and_record},
      {RecordMode::once, false, true, Action::forward_and_record},
      {RecordMode::once, true, false, Action::refuse},
      {RecordMode::once, true, true, Action::replay},
      {RecordMode::new_episodes, false, false, Action::forward_and_record},
      {RecordMode::new_episodes, false, true, Action::replay},
      {RecordMode::new_episodes, true, false, Action::forward_and_record},
      {RecordMode::new_episodes, true, true, Action::replay},
      {RecordMode::all, false, false, Action::forward_and_record},
      {RecordMode::all, false, true, Action::forward_and_record},
      {RecordMode::all, true, false, Action::forward_and_record},
      {RecordMode::all, true, true, Action::forward_and_record},
  };
  for (const Row& row : table) {
    EXPECT_EQ(decide(row.mode, row.existed, row.hit), row.expected)
        << to_string(row.mode) << " existed=" << row.existed << " hit=" << row.hit << ": expected "
        << to_string(row.expected) << ", got " << to_string(decide(row.mode, row.existed, row.hit));
  }
}

TEST(RecordMode, MayRecordFollowsTheTable) {
  EXPECT_FALSE(may_record(RecordMode::none, true));
  EXPECT_FALSE(may_record(RecordMode::none, false));
  EXPECT_TRUE(may_record(RecordMode::once, false));
  EXPECT_FALSE(may_record(RecordMode::once, true));
  EXPECT_TRUE(may_record(RecordMode::new_episodes, true));
  EXPECT_TRUE(may_record(RecordMode::all, true));
}

TEST(RecordMode, ParsesEveryModeByItsName) {
  for (const RecordMode mode : k_record_modes) {
    const auto parsed = parse_record_mode(to_string(mode));
    ASSERT_TRUE(parsed.has_value()) << to_string(mode);
    EXPECT_EQ(*parsed, mode);
  }
}

TEST(RecordMode, UnknownModeListsTheValidOnes) {
  const auto parsed = parse_record_mode("sometimes");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error(), "unknown record mode 'sometimes'; valid modes: none, once, new_episodes, all");
  EXPECT_FALSE(parse_record_mode("ONCE").has_value()) << "modes are lower case, like the flags show them";
  EXPECT_FALSE(parse_record_mode("").has_value());
}

}  // namespace
}  // namespace recorder
