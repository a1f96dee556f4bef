#include "mock/core/beta_header.hpp"

#include "http/api_error.hpp"
#include "timeline/api_on_date.hpp"

namespace mock::core {

std::string assistants_beta_value(const http::ApiRequest& request) {
  const auto header = request.header("OpenAI-Beta");
  return header ? timeline::assistants_beta_value(*header) : std::string();
}

ApiVersion require_assistants_beta(const http::ApiRequest& request) {
  const std::string assistants_value = assistants_beta_value(request);
  if (assistants_value == "v2") return ApiVersion::v2;
  if (assistants_value == "v1") return ApiVersion::v1;
  if (assistants_value.empty()) {
    throw http::errors::invalid_request(
        "You must provide the 'OpenAI-Beta' header to access the Assistants API. Please try "
        "again by setting the header 'OpenAI-Beta: assistants=v2'.",
        std::nullopt, "invalid_beta");
  }
  throw http::errors::invalid_request("Invalid value for the 'OpenAI-Beta' header: 'assistants=" +
                                          assistants_value +
                                          "'. Supported values are: 'assistants=v1' and "
                                          "'assistants=v2'.",
                                      std::nullopt, "invalid_beta");
}

ApiVersion version_of(const http::ApiRequest& request) {
  return request.api_version == "v1" ? ApiVersion::v1 : ApiVersion::v2;
}

void require_version(const http::ApiRequest& request, ApiVersion version) {
  if (version_of(request) != version) throw http::errors::invalid_url(request.method, request.path);
}

}  // namespace mock::core
