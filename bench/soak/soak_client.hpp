#pragma once
// One soak client: a keep-alive HTTP connection to the server and the tally of what
// happened on it (requests, latencies, 5xx, statuses the flow did not expect, failed flow
// checks). Each client thread owns one; tallies are merged at the end.
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/soak/latency_histogram.hpp"

namespace httplib {
class Client;
}

namespace soak {

using Json = nlohmann::json;

struct SseEvent {
  std::string name;
  Json data;  // parsed JSON, or the raw text ("[DONE]")
};

struct Answer {
  int status = 0;  // 0: no answer (transport error)
  std::string body;
  Json json;                     // null unless the body is JSON
  std::vector<SseEvent> events;  // text/event-stream answers
};

struct Tally {
  std::uint64_t requests = 0;
  std::uint64_t streams = 0;
  std::uint64_t server_errors = 0;     // 5xx
  std::uint64_t transport_errors = 0;  // no answer
  std::uint64_t unexpected = 0;        // other statuses the flow did not expect
  std::map<int, std::uint64_t> unexpected_by_status;
  std::uint64_t flows = 0;
  std::uint64_t flow_failures = 0;   // a flow's own checks (wrong status, text, events)
  LatencyHistogram latency;          // every non-streaming request
  LatencyHistogram streaming;        // streams, from the request to the last event
  std::vector<std::string> samples;  // the first problems, for the report

  void note(std::string what);
  void merge(Tally&& other);
};

class SoakClient {
public:
  // `admin_token`, when the server wants one, goes out as X-Admin-Token.
  SoakClient(const std::string& host, int port, const std::string& api_key,
             const std::optional<std::string>& admin_token);
  ~SoakClient();
  SoakClient(const SoakClient&) = delete;
  SoakClient& operator=(const SoakClient&) = delete;

  Answer get(const std::string& path, std::initializer_list<int> expected = {200});
  Answer post(const std::string& path, const Json& body,
              std::initializer_list<int> expected = {200});
  Answer del(const std::string& path, std::initializer_list<int> expected = {200});
  // POST with "stream": true; the whole event stream is read and parsed.
  Answer stream(const std::string& path, Json body);

  // A flow's own check failed.
  void flow_failure(const std::string& what);
  Tally& tally() { return m_tally; }

private:
  Answer send(const std::string& method, const std::string& path, const std::string* body,
              std::initializer_list<int> expected, bool streaming);

  std::unique_ptr<httplib::Client> m_client;
  Tally m_tally;
};

// Events of a text/event-stream body, in order.
std::vector<SseEvent> parse_sse(const std::string& body);

}  // namespace soak
