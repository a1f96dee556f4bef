#include "http/api_error.hpp"

#include <utility>

namespace mock::http {

ApiError::ApiError(int status, std::string message, std::string type,
                   std::optional<std::string> param, std::optional<std::string> code)
    : std::runtime_error(std::move(message)),
      m_status(status),
      m_type(std::move(type)),
      m_param(std::move(param)),
      m_code(std::move(code)) {}

Json ApiError::envelope() const {
  Json error = Json::object();
  error["message"] = what();
  error["type"] = m_type;
  error["param"] = m_param ? Json(*m_param) : Json(nullptr);
  error["code"] = m_code ? Json(*m_code) : Json(nullptr);
  return Json{{"error", error}};
}

ApiResponse ApiError::to_response() const {
  ApiResponse response = ApiResponse::json(envelope(), m_status);
  response.headers = headers;
  return response;
}

namespace errors {

ApiError invalid_request(std::string message, std::optional<std::string> param,
                         std::optional<std::string> code) {
  return {400, std::move(message), "invalid_request_error", std::move(param), std::move(code)};
}

ApiError not_found(const std::string& object_word, const std::string& id) {
  return {404, "No " + object_word + " found with id '" + id + "'."};
}

ApiError invalid_url(const std::string& method, const std::string& path) {
  return {404, "Invalid URL (" + method + " " + path + ")"};
}

ApiError method_not_allowed(const std::string& method, const std::string& path) {
  return {405, "Method not allowed (" + method + " " + path + ")"};
}

ApiError unparseable_json() {
  return invalid_request(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't "
      "using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was "
      "sent was not valid JSON. If you have trouble figuring out how to fix this, please "
      "contact us through our help center at help.openai.com.)");
}

ApiError wrong_id_prefix(const std::string& param, const std::string& value,
                         const std::string& expected_prefix) {
  return invalid_request("Invalid '" + param + "': '" + value +
                             "'. Expected an ID that begins with '" + expected_prefix + "'.",
                         param, "invalid_value");
}

ApiError internal(const std::string& what) {
  return {500, "The mock server had an internal error: " + what, "server_error"};
}

}  // namespace errors
}  // namespace mock::http
