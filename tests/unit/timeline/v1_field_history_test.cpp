#include "timeline/v1_field_history.hpp"

#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace timeline {
namespace {
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

CalendarDate day(const char* text) { return *parse_date(text); }

TEST(V1FieldHistory, TheSeedArticlesMonthHadNoneOfTheLaterFields) {
  EXPECT_THAT(v1_fields_not_yet(v1_object_field_additions(), "thread.run.step", day("2023-12-15")),
              ElementsAre("usage"));
  EXPECT_THAT(v1_fields_not_yet(v1_object_field_additions(), "thread.message", day("2023-12-15")),
              UnorderedElementsAre("status", "incomplete_details", "completed_at", "incomplete_at"));
  EXPECT_EQ(v1_fields_not_yet(v1_object_field_additions(), "thread.run", day("2023-12-15")).size(), 9U);
}

TEST(V1FieldHistory, EachFieldArrivesOnItsEventsDay) {
  for (const auto table : {v1_object_field_additions(), v1_request_field_additions()}) {
    for (const V1FieldAddition& row : table) {
      const CalendarDate on = event_row(row.since).date;
      const auto missing_before = v1_fields_not_yet(table, row.owner, previous_day(on));
      const auto missing_on = v1_fields_not_yet(table, row.owner, on);
      EXPECT_NE(std::find(missing_before.begin(), missing_before.end(), row.field), missing_before.end()) << row.field;
      EXPECT_EQ(std::find(missing_on.begin(), missing_on.end(), row.field), missing_on.end()) << row.field;
    }
  }
}

TEST(V1FieldHistory, TheFinalV1ShapesHaveEveryField) {
  for (const char* owner : {"thread.run", "thread.run.step", "thread.message"}) {
    EXPECT_THAT(v1_fields_not_yet(v1_object_field_additions(), owner, day("2024-04-16")), IsEmpty()) << owner;
  }
  EXPECT_THAT(v1_fields_not_yet(v1_request_field_additions(), "runs.create", day("2024-04-16")), IsEmpty());
  EXPECT_THAT(v1_fields_not_yet(v1_request_field_additions(), "runs.create", day("2024-03-27")),
              UnorderedElementsAre("temperature", "additional_messages", "max_prompt_tokens",
                                   "max_completion_tokens", "truncation_strategy", "tool_choice",
                                   "response_format", "top_p"));
}

}  // namespace
}  // namespace timeline
