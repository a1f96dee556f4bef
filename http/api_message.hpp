#pragma once
// Our own request/response values: domain code never sees httplib types.
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/json.hpp"

namespace mock::http {

// Header names are ASCII and compare without case (RFC 9110 5.1). These lower only ASCII
// letters: std::tolower would consult the locale for every byte.
constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr bool header_names_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// Orders header names as header_names_equal compares them.
struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
  using is_transparent = void;
};
using Headers = std::multimap<std::string, std::string, CaseInsensitiveLess>;

// One part of a multipart/form-data body (POST /v1/files). A plain field has no filename.
struct FormPart {
  std::string name;
  std::string filename;
  std::string content_type;
  std::string content;
};

struct ApiRequest {
  std::string method;  // upper case, as sent
  std::string path;    // without the query string
  std::vector<std::pair<std::string, std::string>> query;  // in order, repeats kept
  Headers headers;
  std::string body;
  // The parts of a multipart/form-data body, grouped by name (`body` keeps its raw bytes
  // too, for the recorder to forward).
  std::vector<FormPart> form_parts;
  // The API version the serving surface settled on (e.g. "v2" from OpenAI-Beta).
  std::string api_version;
  // The date the server answers as (YYYY-MM-DD, `serve --as-of`); empty: today's shapes.
  std::string as_of;
  // Named path segments filled by the route table, e.g. {"thread_id", "thread_abc"}.
  std::map<std::string, std::string, std::less<>> path_params;
  // Set by the server on routes declared Streaming::may_stream. A handler that will answer
  // with a stream calls it once it has read the request and before it changes any state;
  // it throws the server's ApiError (429) when no stream may start now.
  std::function<void()> claim_stream;

  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> query_value(std::string_view name) const;
  const std::string& path_param(std::string_view name) const;

  // The body as a JSON object (an empty body is {}), parsed on first use and kept, so
  // whatever reads it before the handler (the --as-of gate) and the handler share one
  // parse. Throws parse_json_object_body's 400 (http/json_body.hpp) on each call.
  const Json& json_body() const;

  // json_body()'s parse; not part of the request.
  mutable std::optional<Json> parsed_json_body;
};

// Where a streamed body goes, piece by piece, as it is produced.
class StreamSink {
public:
  virtual ~StreamSink() = default;
  // Sends `data` to the client now. False once the client has gone; stop producing then.
  virtual bool write(std::string_view data) = 0;
};

// Produces a body over time (server-sent events, a proxied stream). Runs on the
// connection's worker thread and may block between writes.
using StreamProducer = std::function<void(StreamSink&)>;

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  Headers headers;
  // When set, the body is sent with chunked encoding as the producer writes it, and
  // `body` is ignored.
  StreamProducer stream;
  // Not sent: what served the request (route name, fault, cassette entry) for the journal,
  // logs and metrics; empty means nothing did. `near_miss` says why, when known.
  std::string served_by;
  std::string near_miss;

  // A JSON answer. The value is kept and serialised by finalize(), after the handler has
  // returned and released any lock it held: serialising is most of a request's cost.
  static ApiResponse json(Json value, int status = 200);
  // A JSON answer already serialised (to_wire_text), e.g. from an object's wire cache.
  static ApiResponse json_text(std::string text, int status = 200);
  // Writes a pending JSON value into `body`. Idempotent.
  void finalize();

  std::optional<Json> pending_json;
};

}  // namespace mock::http
