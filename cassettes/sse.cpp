#include "cassettes/sse.hpp"

#include "cassettes/bounded_json.hpp"

namespace cassettes {

Json sse_data_value(const std::string& data_text) {
  const std::size_t first = data_text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && (data_text[first] == '{' || data_text[first] == '[')) {
    if (auto parsed = parse_json_bounded(data_text, k_max_body_depth)) return std::move(*parsed);
  }
  return Json(data_text);
}

std::vector<SseEvent> SseParser::feed(std::string_view chunk, std::int64_t at_ms) {
  std::vector<SseEvent> out;
  std::size_t start = 0;
  if (m_after_cr && !chunk.empty() && chunk.front() == '\n') start = 1;
  m_after_cr = false;
  for (std::size_t i = start; i < chunk.size(); ++i) {
    const char c = chunk[i];
    if (c != '\n' && c != '\r') continue;
    m_line.append(chunk.substr(start, i - start));
    take_line(m_line, at_ms, out);
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
    take_line(m_line, at_ms, out);
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
