#pragma once
// Small formatting helpers for the report, and say(): one line on stdout, flushed.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace server_bench {

using SteadyClock = std::chrono::steady_clock;

std::string with_commas(std::uint64_t value);
std::string fixed(double value, int decimals);
std::string pad_left(const std::string& text, std::size_t width);
std::string pad_right(const std::string& text, std::size_t width);
std::string truncated(const std::string& text, std::size_t max);
double seconds_between(SteadyClock::time_point from, SteadyClock::time_point to);
void say(const std::string& line);

}  // namespace server_bench
