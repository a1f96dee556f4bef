#include "cassettes/body_codec.hpp"

#include "cassettes/bounded_json.hpp"
#include "cassettes/sse.hpp"

namespace cassettes {

std::string media_type(std::string_view content_type) {
  const std::size_t semicolon = content_type.find(';');
  std::string_view type = content_type.substr(0, semicolon);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  return to_lower(type);
}

bool is_event_stream(std::string_view content_type) {
  return media_type(content_type) == "text/event-stream";
}

bool is_json_media(std::string_view content_type) {
  const std::string type = media_type(content_type);
  return type == "application/json" || type.ends_with("+json");
}

Body decode_body(std::string_view content_type, std::string bytes) {
  if (bytes.empty()) return NoBody{};
  if (is_event_stream(content_type)) {
    SseParser parser;
    std::vector<SseEvent> events = parser.feed(bytes, 0);
    for (SseEvent& event : parser.finish(0)) events.push_back(std::move(event));
    return EventStreamBody{std::move(events)};
  }
  const bool looks_like_json =
      is_json_media(content_type) ||
      (content_type.empty() && (bytes.front() == '{' || bytes.front() == '['));
  if (looks_like_json && is_valid_utf8(bytes)) {
    if (auto parsed = parse_json_bounded(bytes, k_max_body_depth)) return JsonBody{std::move(*parsed)};
  }
  if (is_valid_utf8(bytes)) return TextBody{std::move(bytes)};
  return BinaryBody{std::move(bytes)};
}

std::string encode_body(const Body& body) {
  struct Encoder {
    std::string operator()(const NoBody&) const { return {}; }
    std::string operator()(const JsonBody& b) const { return b.value.dump(); }
    std::string operator()(const TextBody& b) const { return b.text; }
    std::string operator()(const BinaryBody& b) const { return b.bytes; }
    std::string operator()(const EventStreamBody& b) const { return format_sse_events(b.events); }
  };
  return std::visit(Encoder{}, body);
}

const char* body_kind(const Body& body) {
  struct Kind {
    const char* operator()(const NoBody&) const { return "none"; }
    const char* operator()(const JsonBody&) const { return "json"; }
    const char* operator()(const TextBody&) const { return "text"; }
    const char* operator()(const BinaryBody&) const { return "base64"; }
    const char* operator()(const EventStreamBody&) const { return "events"; }
  };
  return std::visit(Kind{}, body);
}

}  // namespace cassettes
