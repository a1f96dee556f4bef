#pragma once
// Server-sent events (text/event-stream) in both directions: an incremental parser that
// turns bytes into events as they arrive (the recorder feeds it curl's chunks), and the
// formatter that turns recorded events back into bytes (replay).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cassettes/cassette.hpp"

namespace cassettes {

class SseParser {
public:
  // Parses `chunk` (any split, even mid-line); returns the events it completed, stamped
  // with `at_ms`. Comments (`: keep-alive`) and `retry:` are dropped, as clients drop them.
  std::vector<SseEvent> feed(std::string_view chunk, std::int64_t at_ms);
  // The event still open when the stream ended without its blank line, if it has data.
  std::vector<SseEvent> finish(std::int64_t at_ms);

private:
  void take_line(std::string_view line, std::int64_t at_ms, std::vector<SseEvent>& out);
  void dispatch(std::int64_t at_ms, std::vector<SseEvent>& out);

  std::string m_line;        // the partial line carried between chunks
  bool m_after_cr = false;   // the last chunk ended in '\r': a leading '\n' belongs to it
  std::string m_event;
  std::string m_id;
  std::vector<std::string> m_data_lines;
};

// "[DONE]" stays a string; a JSON object or array becomes JSON; other text stays text.
Json sse_data_value(const std::string& data_text);
// The wire form: `event: NAME\n`, `id: ID\n`, one `data: ` line per line of data, `\n`.
std::string format_sse_event(const SseEvent& event);
std::string format_sse_events(const std::vector<SseEvent>& events);

}  // namespace cassettes
