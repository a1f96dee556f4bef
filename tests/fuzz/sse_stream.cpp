// Fuzz target: an upstream's text/event-stream answer, as the recorder takes it
// (recorder/forwarder.cpp): the incremental SSE parser (cassettes/sse.cpp) fed in chunks as
// curl hands them over, then the events stored in a cassette, journal line and file.
// The first two bytes choose where the chunks are cut (empty chunks included); the rest is
// the stream.
//
// Checks, beyond "nothing is thrown": the events do not depend on how the stream was cut
// (sse.hpp: "any split, even mid-line"); decode_body() of the whole stream agrees; and
// replay's bytes (format_sse_events) parse back to the same events, which is what a client
// of `replay` sees.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "cassettes/body_codec.hpp"
#include "cassettes/cassette_file.hpp"
#include "cassettes/journal.hpp"
#include "cassettes/sse.hpp"

namespace {

using cassettes::SseEvent;

[[noreturn]] void broken(const char* what, const std::vector<SseEvent>& a, const std::vector<SseEvent>& b) {
  std::fprintf(stderr, "fuzz: %s (%zu events vs %zu)\n", what, a.size(), b.size());
  for (std::size_t i = 0; i < a.size() || i < b.size(); ++i) {
    const auto show = [](const std::vector<SseEvent>& list, std::size_t at) {
      return at < list.size() ? "[" + list[at].event + "] [" + list[at].id + "] " + list[at].data.dump(-1, ' ', false,
                                    cassettes::Json::error_handler_t::replace)
                              : std::string("(none)");
    };
    std::fprintf(stderr, "  %zu: %.500s\n  %zu: %.500s\n", i, show(a, i).c_str(), i, show(b, i).c_str());
  }
  std::abort();
}

bool same_events(const std::vector<SseEvent>& a, const std::vector<SseEvent>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].event != b[i].event || a[i].id != b[i].id || a[i].data != b[i].data) return false;
  }
  return true;
}

std::vector<SseEvent> parse_whole(std::string_view stream) {
  cassettes::SseParser parser;
  std::vector<SseEvent> events = parser.feed(stream, 0);
  for (SseEvent& event : parser.finish(0)) events.push_back(std::move(event));
  return events;
}

// Chunk sizes 0..15 from a small generator seeded by the input, so the cuts vary with it.
std::vector<SseEvent> parse_chunked(std::string_view stream, std::uint32_t seed) {
  cassettes::SseParser parser;
  std::vector<SseEvent> events;
  std::uint32_t state = seed | 1U;
  while (true) {
    state ^= state << 13U;
    state ^= state >> 17U;
    state ^= state << 5U;
    const std::size_t take = std::min<std::size_t>(state % 16U, stream.size());
    for (SseEvent& event : parser.feed(stream.substr(0, take), 1)) events.push_back(std::move(event));
    stream.remove_prefix(take);
    if (stream.empty()) break;
  }
  for (SseEvent& event : parser.finish(2)) events.push_back(std::move(event));
  return events;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const auto seed = static_cast<std::uint32_t>((data[0] << 8U) | data[1]);
  const std::string_view stream(reinterpret_cast<const char*>(data) + 2, size - 2);

  const std::vector<SseEvent> whole = parse_whole(stream);
  const std::vector<SseEvent> chunked = parse_chunked(stream, seed);
  if (!same_events(whole, chunked)) broken("the events depend on where the stream was cut", whole, chunked);

  const cassettes::Body body = cassettes::decode_body("text/event-stream", std::string(stream));
  if (const auto* decoded = std::get_if<cassettes::EventStreamBody>(&body)) {
    if (!same_events(whole, decoded->events)) broken("decode_body disagrees with the parser", whole, decoded->events);
  } else if (!stream.empty()) {
    broken("a non-empty event stream did not decode as events", whole, {});
  }

  const std::vector<SseEvent> replayed = parse_whole(cassettes::format_sse_events(whole));
  if (!same_events(whole, replayed)) broken("replayed events differ from the recorded ones", whole, replayed);

  // What the recorder does with them next: a journal line at once, the cassette file later.
  cassettes::Interaction interaction;
  interaction.request.method = "POST";
  interaction.request.path = "/v1/threads/runs";
  interaction.response.headers = {{"content-type", "text/event-stream"}};
  interaction.response.body = cassettes::EventStreamBody{chunked};
  (void)cassettes::journal_entry_line(0, interaction);
  cassettes::Cassette cassette;
  cassette.interactions.push_back(std::move(interaction));
  (void)cassettes::serialize_cassette(cassette);
  return 0;
}
