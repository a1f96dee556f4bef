#include "bench/soak/soak_client.hpp"

#include <algorithm>

#include <httplib.h>

namespace soak {
namespace {
constexpr std::size_t k_samples_kept = 12;

std::string short_text(const std::string& text, std::size_t max = 240) {
  std::string out = text.size() > max ? text.substr(0, max) + "..." : text;
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}
}  // namespace

void Tally::note(std::string what) {
  if (samples.size() < k_samples_kept) samples.push_back(std::move(what));
}

void Tally::merge(Tally&& other) {
  requests += other.requests;
  streams += other.streams;
  server_errors += other.server_errors;
  transport_errors += other.transport_errors;
  unexpected += other.unexpected;
  for (const auto& [status, count] : other.unexpected_by_status)
    unexpected_by_status[status] += count;
  flows += other.flows;
  flow_failures += other.flow_failures;
  latency.merge(other.latency);
  streaming.merge(other.streaming);
  for (std::string& sample : other.samples) note(std::move(sample));
}

std::vector<SseEvent> parse_sse(const std::string& body) {
  std::vector<SseEvent> events;
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t end = body.find("\n\n", pos);
    if (end == std::string::npos) end = body.size();
    SseEvent event;
    std::string data;
    std::size_t line_start = pos;
    while (line_start < end) {
      std::size_t line_end = body.find('\n', line_start);
      if (line_end == std::string::npos || line_end > end) line_end = end;
      const std::string line = body.substr(line_start, line_end - line_start);
      if (line.starts_with("event: ")) event.name = line.substr(7);
      if (line.starts_with("data: ")) data += line.substr(6);
      line_start = line_end + 1;
    }
    if (!event.name.empty() || !data.empty()) {  // comments (": keep-alive") carry neither
      event.data = Json::parse(data, nullptr, false);
      if (event.data.is_discarded()) event.data = data;
      events.push_back(std::move(event));
    }
    pos = end + 2;
  }
  return events;
}

SoakClient::SoakClient(const std::string& host, int port, const std::string& api_key,
                       const std::optional<std::string>& admin_token)
    : m_client(std::make_unique<httplib::Client>(host, port)) {
  m_client->set_keep_alive(true);
  m_client->set_tcp_nodelay(true);  // without it Nagle and delayed ACKs add ~40 ms a POST
  m_client->set_connection_timeout(5, 0);
  m_client->set_read_timeout(30, 0);
  m_client->set_write_timeout(10, 0);
  httplib::Headers headers = {{"Authorization", "Bearer " + api_key},
                              {"OpenAI-Beta", "assistants=v2"}};
  if (admin_token) headers.emplace("X-Admin-Token", *admin_token);
  m_client->set_default_headers(headers);
}

SoakClient::~SoakClient() = default;

Answer SoakClient::get(const std::string& path, std::initializer_list<int> expected) {
  return send("GET", path, nullptr, expected, false);
}

Answer SoakClient::post(const std::string& path, const Json& body,
                        std::initializer_list<int> expected) {
  const std::string text = body.dump();
  return send("POST", path, &text, expected, false);
}

Answer SoakClient::del(const std::string& path, std::initializer_list<int> expected) {
  return send("DELETE", path, nullptr, expected, false);
}

Answer SoakClient::stream(const std::string& path, Json body) {
  body["stream"] = true;
  const std::string text = body.dump();
  return send("POST", path, &text, {200}, true);
}

void SoakClient::flow_failure(const std::string& what) {
  ++m_tally.flow_failures;
  m_tally.note("flow check: " + what);
}

Answer SoakClient::send(const std::string& method, const std::string& path, const std::string* body,
                        std::initializer_list<int> expected, bool streaming) {
  const auto started = std::chrono::steady_clock::now();
  httplib::Result result = method == "GET"    ? m_client->Get(path)
                           : method == "POST" ? m_client->Post(path, *body, "application/json")
                                              : m_client->Delete(path);
  const auto took = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
  ++m_tally.requests;
  Answer answer;
  if (!result) {
    ++m_tally.transport_errors;
    m_tally.note(method + " " + path + ": no answer (" + httplib::to_string(result.error()) + ")");
    return answer;
  }
  (streaming ? m_tally.streaming : m_tally.latency).add(took);
  if (streaming) ++m_tally.streams;
  answer.status = result->status;
  answer.body = result->body;
  if (result->get_header_value("Content-Type").starts_with("text/event-stream")) {
    answer.events = parse_sse(answer.body);
  } else {
    answer.json = Json::parse(answer.body, nullptr, false);
    if (answer.json.is_discarded()) answer.json = nullptr;
  }
  if (answer.status >= 500) {
    ++m_tally.server_errors;
    m_tally.note(method + " " + path + ": HTTP " + std::to_string(answer.status) + " " +
                 short_text(answer.body));
  } else if (std::find(expected.begin(), expected.end(), answer.status) == expected.end()) {
    ++m_tally.unexpected;
    ++m_tally.unexpected_by_status[answer.status];
    m_tally.note(method + " " + path + ": unexpected HTTP " + std::to_string(answer.status) + " " +
                 short_text(answer.body));
  }
  return answer;
}

}  // namespace soak
