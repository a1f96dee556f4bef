#include "mock/admin/fault_injector.hpp"

#include "http/api_error.hpp"
#include "http/path_glob.hpp"

namespace mock::admin {
namespace {
using http::errors::invalid_request;

Json default_error_body(int status) {
  if (status == 429) {
    return http::ApiError(429,
                          "Rate limit reached for requests (injected by the mock). Please try "
                          "again in 1s.",
                          "requests", std::nullopt, "rate_limit_exceeded")
        .envelope();
  }
  if (status >= 500) {
    return http::ApiError(status,
                          "The server had an error while processing your request (injected by "
                          "the mock).",
                          "server_error")
        .envelope();
  }
  return http::ApiError(status, "Injected error (status " + std::to_string(status) + ").")
      .envelope();
}
}  // namespace

Fault parse_fault(const Json& body, std::string id) {
  if (!body.is_object()) throw invalid_request("A fault must be a JSON object.");
  Fault fault;
  fault.id = std::move(id);
  for (const auto& [key, value] : body.items()) {
    if (key == "method" && value.is_string()) {
      fault.method = value.get<std::string>();
    } else if (key == "path" && value.is_string() && value.get<std::string>().starts_with("/")) {
      fault.path = value.get<std::string>();
      if (fault.path.size() > 512) throw invalid_request("'path' is longer than 512 characters.", "path");
    } else if (key == "count" && value.is_number_integer() && value.get<int>() >= 1) {
      fault.remaining = value.get<int>();
    } else if (key == "status" && value.is_number_integer() && value.get<int>() >= 400 &&
               value.get<int>() <= 599) {
      fault.status = value.get<int>();
    } else if (key == "body") {
      fault.body = value;
    } else if (key == "headers" && value.is_object()) {
      for (const auto& [name, header] : value.items()) {
        if (!header.is_string() && !header.is_number()) {
          throw invalid_request("Header '" + name + "' must be a string or a number.", "headers");
        }
        fault.headers.emplace(name, header.is_string() ? header.get<std::string>() : header.dump());
      }
    } else {
      throw invalid_request("Invalid fault field '" + key +
                                "'. Expected: method (string), path (glob starting with /), count "
                                "(integer >= 1), status (400..599), body (JSON), headers (object).",
                            key);
    }
  }
  if (fault.path.empty()) throw invalid_request("Missing required fault field 'path'.", "path");
  if (fault.body.is_null()) fault.body = default_error_body(fault.status);
  return fault;
}

Json fault_to_json(const Fault& fault) {
  Json headers = Json::object();
  for (const auto& [name, value] : fault.headers) headers[name] = value;
  return Json{{"id", fault.id},         {"method", fault.method}, {"path", fault.path},
              {"remaining", fault.remaining}, {"status", fault.status}, {"body", fault.body},
              {"headers", headers}};
}

Json FaultInjector::add(const Json& definition) {
  std::lock_guard lock(m_mutex);
  Fault fault = parse_fault(definition, "fault_" + std::to_string(m_next_id));
  ++m_next_id;
  m_faults.push_back(std::move(fault));
  m_armed = true;
  return fault_to_json(m_faults.back());
}

Json FaultInjector::list() const {
  std::lock_guard lock(m_mutex);
  Json out = Json::array();
  for (const Fault& fault : m_faults) out.push_back(fault_to_json(fault));
  return out;
}

void FaultInjector::clear() {
  std::lock_guard lock(m_mutex);
  m_faults.clear();
  m_armed = false;
}

std::optional<http::ApiResponse> FaultInjector::take(const http::ApiRequest& request) {
  if (!m_armed) return std::nullopt;
  std::lock_guard lock(m_mutex);
  for (auto it = m_faults.begin(); it != m_faults.end(); ++it) {
    if ((it->method != "*" && it->method != request.method) ||
        !http::glob_match(it->path, request.path)) {
      continue;
    }
    http::ApiResponse response = http::ApiResponse::json(it->body, it->status);
    response.headers = it->headers;
    response.served_by = "fault:" + it->id;
    if (--it->remaining == 0) m_faults.erase(it);
    m_armed = !m_faults.empty();
    return response;
  }
  return std::nullopt;
}

}  // namespace mock::admin
