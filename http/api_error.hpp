#pragma once
// Expected failures of a request, rendered once, centrally, as OpenAI's envelope:
// {"error": {"message", "type", "param", "code"}}.
#include <optional>
#include <stdexcept>
#include <string>

#include "http/api_message.hpp"
#include "http/json.hpp"

namespace mock::http {

class ApiError : public std::runtime_error {
public:
  ApiError(int status, std::string message, std::string type = "invalid_request_error",
           std::optional<std::string> param = std::nullopt,
           std::optional<std::string> code = std::nullopt);

  int status() const { return m_status; }
  const std::string& type() const { return m_type; }
  const std::optional<std::string>& param() const { return m_param; }
  const std::optional<std::string>& code() const { return m_code; }

  // Extra response headers, e.g. x-should-retry.
  Headers headers;

  Json envelope() const;
  ApiResponse to_response() const;

private:
  int m_status;
  std::string m_type;
  std::optional<std::string> m_param;
  std::optional<std::string> m_code;
};

// Factories for the errors the service is known to answer (wording: ../shared/ref/FACTS.md §7).
namespace errors {
ApiError invalid_request(std::string message, std::optional<std::string> param = std::nullopt,
                         std::optional<std::string> code = std::nullopt);
// "No assistant found with id 'asst_x'."
ApiError not_found(const std::string& object_word, const std::string& id);
ApiError invalid_url(const std::string& method, const std::string& path);
ApiError method_not_allowed(const std::string& method, const std::string& path);
ApiError unparseable_json();
ApiError wrong_id_prefix(const std::string& param, const std::string& value,
                         const std::string& expected_prefix);
ApiError internal(const std::string& what);
}  // namespace errors

}  // namespace mock::http
