#pragma once
// `Authorization: Bearer <key>` as the OpenAI API checks it, for every /v1 route of
// every API surface the server speaks.
#include <optional>
#include <string>

#include "http/api_message.hpp"

namespace mock::http {

// No key -> 401 "You didn't provide an API key..."; when `expected` is set, any other key
// -> 401 invalid_api_key, the key shown masked as the service masks it.
void check_bearer_key(const ApiRequest& request, const std::optional<std::string>& expected);

// "sk-abc...wxyz" -> "sk-ab**********wxyz": enough to recognise, never the key.
std::string mask_key(const std::string& key);

}  // namespace mock::http
