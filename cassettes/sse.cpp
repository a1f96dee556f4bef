#include "cassettes/sse.hpp"

#include "cassettes/body_codec.hpp"
#include "cassettes/bounded_json.hpp"

namespace cassettes {
namespace {

// The bytes of one valid UTF-8 sequence starting at `at`, or of its longest valid prefix
// (then negative): the "maximal subpart" the Encoding Standard replaces with one U+FFFD.
std::ptrdiff_t utf8_sequence(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  if (lead < 0x80U) return 1;
  std::size_t needed = 0;
  unsigned char low = 0x80U;
  unsigned char high = 0xBFU;
  if (lead >= 0xC2U && lead <= 0xDFU) {
    needed = 1;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    needed = 2;
    if (lead == 0xE0U) low = 0xA0U;   // no overlong forms
    if (lead == 0xEDU) high = 0x9FU;  // no surrogates
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    needed = 3;
    if (lead == 0xF0U) low = 0x90U;
    if (lead == 0xF4U) high = 0x8FU;  // nothing past U+10FFFF
  } else {
    return -1;
  }
  for (std::size_t i = 1; i <= needed; ++i) {
    if (at + i >= text.size()) return -static_cast<std::ptrdiff_t>(i);
    const auto next = static_cast<unsigned char>(text[at + i]);
    if (next < low || next > high) return -static_cast<std::ptrdiff_t>(i);
    low = 0x80U;
    high = 0xBFU;
  }
  return static_cast<std::ptrdiff_t>(needed + 1);
}

// An event stream is UTF-8 and is decoded with replacement (HTML, "Server-sent events"), as
// every client decodes it: bytes that are not UTF-8 become U+FFFD. Events are then JSON text
// like the rest of a cassette, which cannot hold such bytes (dump() throws on them).
std::string decoded_line(std::string_view line) {
  if (is_valid_utf8(line)) return std::string(line);
  std::string out;
  out.reserve(line.size() + 8);
  std::size_t at = 0;
  while (at < line.size()) {
    const std::ptrdiff_t length = utf8_sequence(line, at);
    if (length > 0) {
      out.append(line.substr(at, static_cast<std::size_t>(length)));
    } else {
      out.append("\xEF\xBF\xBD");
    }
    at += static_cast<std::size_t>(length > 0 ? length : -length);
  }
  return out;
}

}  // namespace

Json sse_data_value(const std::string& data_text) {
  const std::size_t first = data_text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && (data_text[first] == '{' || data_text[first] == '[')) {
    if (auto parsed = parse_json_bounded(data_text, k_max_body_depth)) return std::move(*parsed);
  }
  return Json(data_text);
}

std::vector<SseEvent> SseParser::feed(std::string_view chunk, std::int64_t at_ms) {
  std::vector<SseEvent> out;
  // An empty chunk must not forget a '\r' that ended the previous one.
  if (chunk.empty()) return out;
  std::size_t start = 0;
  if (m_after_cr && chunk.front() == '\n') start = 1;
  m_after_cr = false;
  for (std::size_t i = start; i < chunk.size(); ++i) {
    const char c = chunk[i];
    if (c != '\n' && c != '\r') continue;
    m_line.append(chunk.substr(start, i - start));
    take_line(decoded_line(m_line), at_ms, out);
    m_line.clear();
    if (c == '\r') {
      if (i + 1 < chunk.size()) {
        if (chunk[i + 1] == '\n') ++i;
      } else {
        m_after_cr = true;
      }
    }
    start = i + 1;
  }
  m_line.append(chunk.substr(start));
  return out;
}

std::vector<SseEvent> SseParser::finish(std::int64_t at_ms) {
  std::vector<SseEvent> out;
  if (!m_line.empty()) {
    take_line(decoded_line(m_line), at_ms, out);
    m_line.clear();
  }
  dispatch(at_ms, out);
  return out;
}

void SseParser::take_line(std::string_view line, std::int64_t at_ms, std::vector<SseEvent>& out) {
  if (line.empty()) {
    dispatch(at_ms, out);
    return;
  }
  if (line.front() == ':') return;  // a comment
  const std::size_t colon = line.find(':');
  const std::string_view field = line.substr(0, colon);
  std::string_view value = colon == std::string_view::npos ? std::string_view{} : line.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (field == "event") {
    m_event = value;
  } else if (field == "data") {
    m_data_lines.emplace_back(value);
  } else if (field == "id") {
    m_id = value;
  }
}

void SseParser::dispatch(std::int64_t at_ms, std::vector<SseEvent>& out) {
  if (!m_data_lines.empty()) {
    std::string data;
    for (std::size_t i = 0; i < m_data_lines.size(); ++i) {
      if (i > 0) data += '\n';
      data += m_data_lines[i];
    }
    out.push_back(SseEvent{m_event, sse_data_value(data), m_id, at_ms});
  }
  m_event.clear();
  m_id.clear();
  m_data_lines.clear();
}

std::string format_sse_event(const SseEvent& event) {
  std::string out;
  if (!event.event.empty()) out += "event: " + event.event + "\n";
  if (!event.id.empty()) out += "id: " + event.id + "\n";
  const std::string data = event.data.is_string() ? event.data.get<std::string>() : event.data.dump();
  std::size_t start = 0;
  while (true) {
    const std::size_t newline = data.find('\n', start);
    out += "data: ";
    out.append(data, start, newline == std::string::npos ? std::string::npos : newline - start);
    out += '\n';
    if (newline == std::string::npos) break;
    start = newline + 1;
  }
  out += '\n';
  return out;
}

std::string format_sse_events(const std::vector<SseEvent>& events) {
  std::string out;
  for (const SseEvent& event : events) out += format_sse_event(event);
  return out;
}

}  // namespace cassettes
