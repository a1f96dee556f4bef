#include "http/bearer_auth.hpp"

#include "http/api_error.hpp"

namespace mock::http {

std::string mask_key(const std::string& key) {
  constexpr std::size_t k_shown_head = 5;
  constexpr std::size_t k_shown_tail = 4;
  if (key.size() <= k_shown_head + k_shown_tail + 4) return std::string(key.size(), '*');
  return key.substr(0, k_shown_head) + std::string(key.size() - k_shown_head - k_shown_tail, '*') +
         key.substr(key.size() - k_shown_tail);
}

void check_bearer_key(const ApiRequest& request, const std::optional<std::string>& expected) {
  const auto header = request.header("Authorization");
  constexpr std::string_view k_bearer = "Bearer ";
  std::string key;
  if (header && header->size() > k_bearer.size() && header->starts_with(k_bearer)) {
    key = header->substr(k_bearer.size());
  }
  if (key.empty()) {
    throw ApiError(401,
                   "You didn't provide an API key. You need to provide your API key in an "
                   "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), "
                   "or as the password field (with blank username) if you're accessing the API "
                   "from your browser and are prompted for a username. You can obtain an API key "
                   "from https://platform.openai.com/account/api-keys.");
  }
  if (expected && key != *expected) {
    throw ApiError(401,
                   "Incorrect API key provided: " + mask_key(key) +
                       ". You can find your API key at https://platform.openai.com/account/api-keys.",
                   "invalid_request_error", std::nullopt, "invalid_api_key");
  }
}

}  // namespace mock::http
