#pragma once
// Where two JSON values differ, in words, for miss reports: the first few places, in the
// recorded document's order, e.g.
//   at /name: live "Physics Tutor", recorded "Math Tutor"; at /tools: live has 0 items, recorded 1
// Objects compare by key (order does not matter), arrays by position, numbers by value.
#include <optional>
#include <string>

#include "cassettes/cassette.hpp"

namespace recorder {

// nullopt when equal; otherwise up to `limit` differences joined by "; " (and "..." if more).
std::optional<std::string> json_difference(const cassettes::Json& live, const cassettes::Json& recorded,
                                           std::size_t limit = 3);

// A value shortened for a message: compact JSON, at most `limit` characters.
std::string short_json(const cassettes::Json& value, std::size_t limit = 80);

}  // namespace recorder
