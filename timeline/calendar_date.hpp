#pragma once
// A calendar day (UTC), as `--as-of YYYY-MM-DD` names it.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace timeline {

struct CalendarDate {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const CalendarDate&) const = default;
};

// "2024-04-17" -> the date; anything else (another layout, month 13, February 30) -> nullopt.
std::optional<CalendarDate> parse_date(std::string_view text);

// The day before `date` (2024-03-01 -> 2024-02-29).
CalendarDate previous_day(const CalendarDate& date);

// The date as YYYY-MM-DD.
std::string to_string(const CalendarDate& date);

}  // namespace timeline
