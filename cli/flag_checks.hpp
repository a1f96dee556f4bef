#pragma once
// Checks of flag values whose failure is a sentence naming the flag, the value and the fix:
// "--port abc is not a number (give a whole number from 0 to 65535)". CLI11's own say
// "Value abc not in range 0 to 65535", and its unsigned conversion takes -1 as 2^64 - 1.
// usage_errors.cpp prints these sentences as they are.
#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace cli {

// Digits only (no sign, no spaces), from `min` to `max`.
CLI::Validator whole_number(std::string flag, std::uint64_t min, std::uint64_t max);
// A decimal number, `min` or more.
CLI::Validator decimal_number(std::string flag, double min);
// One of `values`, exactly.
CLI::Validator one_of(std::string flag, std::vector<std::string> values);
// A calendar day as YYYY-MM-DD (timeline::parse_date).
CLI::Validator calendar_date(std::string flag);
// The path of an existing regular file.
CLI::Validator existing_file(std::string flag);

}  // namespace cli
