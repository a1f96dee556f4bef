#pragma once
// The first place two JSON values differ, in words, for miss reports:
//   "at /metadata/user: live \"ann\", recorded \"bob\""
// Objects compare by key (order does not matter), arrays by position, numbers by value.
#include <optional>
#include <string>

#include "cassettes/cassette.hpp"

namespace recorder {

// nullopt when equal.
std::optional<std::string> json_difference(const cassettes::Json& live, const cassettes::Json& recorded);

// A value shortened for a message: compact JSON, at most `limit` characters.
std::string short_json(const cassettes::Json& value, std::size_t limit = 80);

}  // namespace recorder
