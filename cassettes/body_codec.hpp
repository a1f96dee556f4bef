#pragma once
// Bytes <-> Body: how a body is stored in a cassette. JSON (by content type, or by shape
// when there is none) is stored as JSON, event streams as events, other UTF-8 as text,
// anything else as base64. encode_body() gives back bytes equivalent to what was recorded:
// identical for text and binary, the same JSON value for JSON.
#include <string>
#include <string_view>

#include "cassettes/cassette.hpp"
#include "json/utf8.hpp"

namespace cassettes {

// "Application/JSON; charset=utf-8" -> "application/json"
std::string media_type(std::string_view content_type);
bool is_event_stream(std::string_view content_type);
bool is_json_media(std::string_view content_type);
using json_parse::is_valid_utf8;

Body decode_body(std::string_view content_type, std::string bytes);
std::string encode_body(const Body& body);

// "json", "text", "base64", "events" or "none": for messages and logs.
const char* body_kind(const Body& body);

}  // namespace cassettes
