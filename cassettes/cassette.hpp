#pragma once
// A cassette in memory: the requests a client sent and the answers that came back, in the
// order they completed. Plain values: no I/O (cassette_file.hpp), no JSON mapping
// (cassette_json.hpp), no matching (recorder/matchers.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace cassettes {

// ordered_json keeps a body's keys in the order the server sent them, so a cassette reads
// like the API reference and re-recording the same session gives the same bytes.
using Json = nlohmann::ordered_json;

// Header names in lower case, values as received; a repeated header appears once per value.
using HeaderList = std::vector<std::pair<std::string, std::string>>;
// Query parameters, decoded, in order; repeats kept (`include[]=a&include[]=b`).
using QueryList = std::vector<std::pair<std::string, std::string>>;

// The first value of a header (name compared case-insensitively).
std::optional<std::string> find_header(const HeaderList& headers, std::string_view name);
std::string to_lower(std::string_view text);

// One server-sent event. `data` is the parsed JSON when the event's data is a JSON object or
// array, otherwise the data text itself as a string (e.g. "[DONE]").
struct SseEvent {
  std::string event;       // the `event:` field; empty when the event had none
  Json data;               // object/array, or a string holding the raw text
  std::string id;          // the `id:` field; empty when absent
  std::int64_t at_ms = 0;  // when the event arrived, in ms since the request was sent
};

struct NoBody {};
struct JsonBody {
  Json value;
};
struct TextBody {  // valid UTF-8 that is not JSON
  std::string text;
};
struct BinaryBody {  // anything else; base64 on disk
  std::string bytes;
};
struct EventStreamBody {  // text/event-stream
  std::vector<SseEvent> events;
};
using Body = std::variant<NoBody, JsonBody, TextBody, BinaryBody, EventStreamBody>;

struct RecordedRequest {
  std::string method;  // upper case
  std::string path;    // decoded, without the query string
  QueryList query;
  HeaderList headers;
  Body body;
};

struct RecordedResponse {
  int status = 200;
  HeaderList headers;
  Body body;
};

struct Interaction {
  RecordedRequest request;
  RecordedResponse response;
  std::int64_t duration_ms = 0;  // request sent -> last byte of the answer received
};

// Redaction rules given on the command line when the cassette was recorded, beyond the
// built-in ones; replay applies them too so that a redacted field still matches.
struct RedactionRules {
  std::vector<std::string> headers;
  std::vector<std::string> json_paths;
  bool operator==(const RedactionRules&) const = default;
};

struct CassetteMeta {
  std::string tool;                        // "assistants-mock 0.1.0"
  std::string recorded_at;                 // RFC 3339, UTC, when recording started
  std::string upstream;                    // base URL recorded from (no credentials)
  std::optional<std::string> api_version;  // the OpenAI-Beta header, e.g. "assistants=v2"
  RedactionRules redaction;
  // The API contract the upstream served ("v1-2023-12", "v1-final", "v2"), when someone knows it;
  // `check` judges the cassette by it. The recorder cannot tell, so it leaves it empty.
  // (Initialised so that brace lists naming the fields above stay complete.)
  std::optional<std::string> contract = std::nullopt;
};

struct Cassette {
  CassetteMeta meta;
  std::vector<Interaction> interactions;
};

// "2024-01-01T00:00:00Z" for now.
std::string utc_timestamp_now();

}  // namespace cassettes
