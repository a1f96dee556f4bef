#include "mock/core/beta_header.hpp"

#include "http/api_error.hpp"

namespace mock::core {
namespace {
std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}
}  // namespace

ApiVersion require_assistants_beta(const http::ApiRequest& request) {
  const auto header = request.header("OpenAI-Beta");
  std::string assistants_value;
  if (header) {
    // The header may carry several comma-separated features.
    std::string_view rest = *header;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      const std::string item = trim(rest.substr(0, comma));
      if (item.starts_with("assistants=")) assistants_value = item.substr(11);
      rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
    }
  }
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
