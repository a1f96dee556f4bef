#include "http/api_message.hpp"

#include <algorithm>
#include <stdexcept>

#include "http/json_body.hpp"

namespace mock::http {

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) {
                                        return static_cast<unsigned char>(ascii_lower(x)) <
                                               static_cast<unsigned char>(ascii_lower(y));
                                      });
}

std::optional<std::string> ApiRequest::header(std::string_view name) const {
  const auto it = headers.find(name);
  if (it == headers.end()) {
    return std::nullopt;
  }
  return it->second;
}

std::optional<std::string> ApiRequest::query_value(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) {
      return value;
    }
  }
  return std::nullopt;
}

const std::string& ApiRequest::path_param(std::string_view name) const {
  const auto it = path_params.find(name);
  if (it == path_params.end()) {
    // A handler asking for a segment its route does not declare is a programming error.
    throw std::logic_error("route has no path parameter " + std::string(name));
  }
  return it->second;
}

ApiResponse ApiResponse::json(Json value, int status) {
  ApiResponse response;
  response.status = status;
  response.pending_json = std::move(value);
  return response;
}

ApiResponse ApiResponse::json_text(std::string text, int status) {
  ApiResponse response;
  response.status = status;
  response.body = std::move(text);
  return response;
}

void ApiResponse::finalize() {
  if (!pending_json) return;
  body = to_wire_text(*pending_json);
  pending_json.reset();
}

const Json& ApiRequest::json_body() const {
  if (!parsed_json_body) parsed_json_body = parse_json_object_body(body);
  return *parsed_json_body;
}

}  // namespace mock::http
