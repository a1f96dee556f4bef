#include "timeline/api_events.hpp"

#include <gtest/gtest.h>

namespace timeline {
namespace {

TEST(ApiEvents, RowsAreOldestFirstAndEachNamesASource) {
  const auto rows = api_events();
  ASSERT_FALSE(rows.empty());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_FALSE(rows[i].what.empty()) << i;
    EXPECT_GE(rows[i].source.size(), 10U) << to_string(rows[i].date);
    if (i > 0) {
      EXPECT_LE(rows[i - 1].date, rows[i].date) << to_string(rows[i].date);
    }
  }
}

TEST(ApiEvents, EveryEventHasExactlyOneRow) {
  const auto rows = api_events();
  for (int e = 0; e <= static_cast<int>(ApiEvent::assistants_sunset); ++e) {
    const auto event = static_cast<ApiEvent>(e);
    int count = 0;
    for (const DatedEvent& row : rows) count += row.event == event ? 1 : 0;
    EXPECT_EQ(count, 1) << e;
    EXPECT_EQ(event_row(event).event, event);
  }
}

TEST(ApiEvents, TheDatesTheIssueNames) {
  EXPECT_EQ(to_string(event_row(ApiEvent::v1_usage).date), "2024-01-18");
  EXPECT_EQ(to_string(event_row(ApiEvent::v1_streaming).date), "2024-03-27");
  EXPECT_EQ(to_string(event_row(ApiEvent::v1_final).date), "2024-04-16");
  EXPECT_EQ(to_string(event_row(ApiEvent::v2_launch).date), "2024-04-17");
  EXPECT_EQ(to_string(event_row(ApiEvent::assistants_sunset).date), "2026-08-26");
  // "v1 was refused from late 2024"
  EXPECT_EQ(event_row(ApiEvent::v1_shutdown).date.year, 2024);
  EXPECT_EQ(event_row(ApiEvent::v1_shutdown).date.month, 12);
}

TEST(ApiEvents, AnEventHasHappenedFromItsOwnDayOn) {
  for (const DatedEvent& row : api_events()) {
    EXPECT_TRUE(has_happened(row.event, row.date)) << row.what;
    EXPECT_FALSE(has_happened(row.event, previous_day(row.date))) << row.what;
  }
}

}  // namespace
}  // namespace timeline
