#include "tests/contracts/support/contract_client.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>

#include "cassettes/sse.hpp"
#include "contracts/contract_source.hpp"
#include "contracts/endpoint_map.hpp"

namespace contracts::testing {
namespace {

httplib::Headers api_headers(ApiVersion version, bool with_key = true) {
  httplib::Headers headers = {{"OpenAI-Beta", is_v1(version) ? "assistants=v1" : "assistants=v2"}};
  if (with_key) headers.emplace("Authorization", "Bearer sk-test");
  return headers;
}

std::vector<ObservedEvent> parse_events(const std::string& body) {
  cassettes::SseParser parser;
  std::vector<cassettes::SseEvent> events = parser.feed(body, 0);
  for (auto& event : parser.finish(0)) events.push_back(std::move(event));
  std::vector<ObservedEvent> out;
  for (const auto& event : events) out.push_back({event.event, nlohmann::json(event.data)});
  return out;
}

}  // namespace

ContractClient::ContractClient(int port, ApiVersion version)
    : m_client(std::make_unique<httplib::Client>("127.0.0.1", port)), m_version(version) {
  m_client->set_connection_timeout(5, 0);
  m_client->set_read_timeout(20, 0);
}

ContractClient::~ContractClient() = default;

Answer ContractClient::finish(const std::string& method, const std::string& path, int status,
                              const std::string& content_type, std::string body, bool checked) {
  Answer answer;
  answer.status = status;
  answer.body = std::move(body);
  ObservedResponse response;
  response.origin = method + " " + path;
  response.method = method;
  response.path = path;
  response.status = status;
  if (content_type.rfind("text/event-stream", 0) == 0) {
    answer.events = parse_events(answer.body);
    response.body = answer.events;
  } else {
    answer.json = nlohmann::json::parse(answer.body, nullptr, false);
    if (answer.json.is_discarded()) {
      answer.json = nullptr;
      response.body = NotJson{};
    } else {
      response.body = answer.json;
    }
  }
  if (!checked) return answer;
  const BuiltinContracts contracts;
  answer.check = check_response(response, m_version, contracts);
  ++m_checked;
  if (answer.check.unchecked) {
    ADD_FAILURE() << method << " " << path << " (" << status << "): no contract applies: " << *answer.check.unchecked;
  } else if (!answer.check.drift.empty()) {
    ADD_FAILURE() << "the mock's answer departs from the " << to_string(m_version)
                  << " schema:\n" << describe_drift(answer.check);
  } else if (status >= 200 && status < 300) {
    m_covered.insert(answer.check.endpoint);
  }
  return answer;
}

Answer ContractClient::get(const std::string& path) {
  auto result = m_client->Get(path, api_headers(m_version));
  if (!result) return {};
  return finish("GET", path, result->status, result->get_header_value("Content-Type"), result->body);
}

Answer ContractClient::del(const std::string& path) {
  auto result = m_client->Delete(path, api_headers(m_version));
  if (!result) return {};
  return finish("DELETE", path, result->status, result->get_header_value("Content-Type"), result->body);
}

Answer ContractClient::post(const std::string& path, const nlohmann::json& body) {
  auto result = m_client->Post(path, api_headers(m_version), body.dump(), "application/json");
  if (!result) return {};
  return finish("POST", path, result->status, result->get_header_value("Content-Type"), result->body);
}

Answer ContractClient::upload(const std::string& filename, const std::string& content, const std::string& purpose,
                              bool checked) {
  const httplib::MultipartFormDataItems items = {{"purpose", purpose, "", ""},
                                                 {"file", content, filename, "text/plain"}};
  auto result = m_client->Post("/v1/files", api_headers(m_version), items);
  if (!result) return {};
  return finish("POST", "/v1/files", result->status, result->get_header_value("Content-Type"), result->body, checked);
}

Answer ContractClient::get_without_key(const std::string& path) {
  auto result = m_client->Get(path, api_headers(m_version, false));
  if (!result) return {};
  return finish("GET", path, result->status, result->get_header_value("Content-Type"), result->body);
}

nlohmann::json ContractClient::admin(const std::string& method, const std::string& path, const nlohmann::json& body) {
  httplib::Request request;
  request.method = method;
  request.path = path;
  request.body = body.dump();
  request.headers.emplace("Content-Type", "application/json");
  auto result = m_client->send(request);
  if (!result) return nullptr;
  return nlohmann::json::parse(result->body, nullptr, false);
}

Answer ContractClient::wait_for_run(const std::string& thread_id, const std::string& run_id,
                                    const std::set<std::string>& statuses) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);  // generous: CI machines under sanitizers are slow
  Answer answer;
  do {
    answer = get("/v1/threads/" + thread_id + "/runs/" + run_id);
    if (answer.json.is_object() && statuses.count(answer.json.value("status", std::string())) != 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  } while (std::chrono::steady_clock::now() < deadline);
  return answer;
}

std::vector<std::string> ContractClient::uncovered(const std::string& prefix) const {
  std::vector<std::string> missing;
  for (const std::string& endpoint : endpoints_with_schema(m_version)) {
    const std::string path = endpoint.substr(endpoint.find(' ') + 1);
    if (path.rfind(prefix, 0) == 0 && m_covered.count(endpoint) == 0) missing.push_back(endpoint);
  }
  return missing;
}

std::string describe_drift(const ResponseCheck& check) {
  // One line per finding; a finding repeated across list items or events is counted once.
  std::vector<std::pair<std::string, int>> lines;
  for (const ResponseDrift& drift : check.drift) {
    const std::string line = check.endpoint + (drift.event.empty() ? "" : " [" + drift.event + "]") + ": " +
                             drift.item.path.to_pattern() + " " + to_string(drift.item.kind) + " (expected " +
                             drift.item.expected + ", got " + drift.item.got + ")";
    auto found = std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return l.first == line; });
    if (found == lines.end()) {
      lines.emplace_back(line, 1);
    } else {
      ++found->second;
    }
  }
  std::string out;
  for (const auto& [line, count] : lines) out += "  " + line + (count > 1 ? " x" + std::to_string(count) : "") + "\n";
  return out;
}

}  // namespace contracts::testing
