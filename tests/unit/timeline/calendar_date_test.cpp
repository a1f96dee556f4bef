#include "timeline/calendar_date.hpp"

#include <gtest/gtest.h>

namespace timeline {
namespace {

TEST(CalendarDate, ParsesTheIsoDayAndPrintsItBack) {
  const auto date = parse_date("2024-04-17");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(*date, (CalendarDate{2024, 4, 17}));
  EXPECT_EQ(to_string(*date), "2024-04-17");
}

TEST(CalendarDate, RefusesWhatIsNotACalendarDay) {
  for (const char* text : {"2024-4-17", "2024/04/17", "20240417", "2024-13-01", "2024-00-10",
                           "2023-02-29", "2024-04-31", "2024-04-1x", "", "2024-04-17T00:00"}) {
    EXPECT_FALSE(parse_date(text).has_value()) << text;
  }
  EXPECT_TRUE(parse_date("2024-02-29").has_value());  // a leap day
}

TEST(CalendarDate, OrdersByDay) {
  EXPECT_LT(*parse_date("2024-04-16"), *parse_date("2024-04-17"));
  EXPECT_LT(*parse_date("2023-12-31"), *parse_date("2024-01-01"));
}

TEST(CalendarDate, PreviousDayCrossesMonthsAndYears) {
  EXPECT_EQ(to_string(previous_day({2024, 3, 1})), "2024-02-29");
  EXPECT_EQ(to_string(previous_day({2025, 1, 1})), "2024-12-31");
  EXPECT_EQ(to_string(previous_day({2026, 8, 26})), "2026-08-25");
}

}  // namespace
}  // namespace timeline
