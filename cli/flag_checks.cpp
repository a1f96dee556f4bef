#include "cli/flag_checks.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <utility>

#include "timeline/calendar_date.hpp"

namespace cli {
namespace {

std::string whole_number_range(std::uint64_t min, std::uint64_t max) {
  if (max == std::numeric_limits<std::uint64_t>::max()) return "a whole number, " + std::to_string(min) + " or more";
  return "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
}

// "a, b or c"
std::string listed(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += i + 1 == values.size() ? " or " : ", ";
    out += values[i];
  }
  return out;
}

std::string number_text(double value) {
  std::string text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.ends_with('.')) text.pop_back();
  return text;
}

}  // namespace

CLI::Validator whole_number(std::string flag, std::uint64_t min, std::uint64_t max) {
  const std::string range = whole_number_range(min, max);
  return CLI::Validator(
      [flag = std::move(flag), range, min, max](std::string& value) -> std::string {
        const std::string fix = " (give " + range + ")";
        if (value.empty()) return flag + " needs a value" + fix;
        if (value.front() == '-' && value.size() > 1 &&
            value.find_first_not_of("0123456789", 1) == std::string::npos) {
          return flag + " " + value + " is negative" + fix;
        }
        std::uint64_t number = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
        if (end != value.data() + value.size() || (error != std::errc() && error != std::errc::result_out_of_range)) {
          return flag + " " + value + " is not a number" + fix;
        }
        if (error == std::errc::result_out_of_range && max == std::numeric_limits<std::uint64_t>::max()) {
          return flag + " " + value + " is too large (the largest is " + std::to_string(max) + ")";
        }
        if (error == std::errc::result_out_of_range || number < min || number > max) {
          return flag + " " + value + " is out of range" + fix;
        }
        return "";
      },
      min == 0 && max == std::numeric_limits<std::uint64_t>::max() ? "0.." : std::to_string(min) + ".." + std::to_string(max));
}

CLI::Validator decimal_number(std::string flag, double min) {
  const std::string fix = " (give a number, " + number_text(min) + " or more)";
  return CLI::Validator(
      [flag = std::move(flag), fix, min](std::string& value) -> std::string {
        char* end = nullptr;
        const double number = value.empty() ? 0 : std::strtod(value.c_str(), &end);
        if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(number)) {
          return flag + " " + value + " is not a number" + fix;
        }
        if (number < min) return flag + " " + value + " is too small" + fix;
        return "";
      },
      number_text(min) + "..");
}

CLI::Validator one_of(std::string flag, std::vector<std::string> values) {
  const std::string choices = listed(values);
  return CLI::Validator(
      [flag = std::move(flag), values = std::move(values), choices](std::string& value) -> std::string {
        for (const std::string& allowed : values) {
          if (value == allowed) return "";
        }
        return flag + " " + value + " is not a choice (give " + choices + ")";
      },
      choices);
}

CLI::Validator calendar_date(std::string flag) {
  return CLI::Validator(
      [flag = std::move(flag)](std::string& value) -> std::string {
        if (timeline::parse_date(value)) return "";
        return flag + " " + value + " is not a date (give a calendar day as YYYY-MM-DD, e.g. 2024-04-17)";
      },
      "YYYY-MM-DD");
}

CLI::Validator existing_file(std::string flag) {
  return CLI::Validator(
      [flag = std::move(flag)](std::string& value) -> std::string {
        std::error_code error;
        if (std::filesystem::is_regular_file(value, error)) return "";
        const bool exists = std::filesystem::exists(value, error);
        return flag + " " + value + (exists ? " is not a file" : ": no such file");
      },
      "FILE");
}

}  // namespace cli
