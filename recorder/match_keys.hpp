#pragma once
// Canonical keys for the built-in matchers, so that replay can find a recording by hashing
// instead of comparing the live request with every interaction. The one rule each key
// keeps: if a matcher says two requests match, their keys are equal (a key may be coarser
// than its matcher, never finer). Equal keys only make a request a candidate; the matcher
// itself still decides.
#include <cstdint>
#include <string>
#include <string_view>

#include "cassettes/cassette.hpp"

namespace recorder {

// Appends to `out` a text that is equal for equal JSON values as match_json_body compares
// them: object keys in any order, 1 and 1.0 alike. Iterative: depth does not reach the stack.
void append_canonical_json(const cassettes::Json& value, std::string& out);

void key_method(const cassettes::RecordedRequest& request, std::string& out);
void key_path(const cassettes::RecordedRequest& request, std::string& out);
void key_query(const cassettes::RecordedRequest& request, std::string& out);
void key_json_body(const cassettes::RecordedRequest& request, std::string& out);
void key_body(const cassettes::RecordedRequest& request, std::string& out);
// The values of one header (`lower_name` in lower case), in order.
void key_header(const cassettes::RecordedRequest& request, const std::string& lower_name, std::string& out);

std::uint64_t hash_key(std::string_view key);

}  // namespace recorder
