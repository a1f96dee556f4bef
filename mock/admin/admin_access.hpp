#pragma once
// Who may call /__admin: with --admin-token, only requests carrying it
// (`X-Admin-Token: T` or `Authorization: Bearer T`); and never a browser page from another
// origin (a web page could otherwise reset or read a developer's local mock).
#include <optional>
#include <string>

#include "mock/http/api_message.hpp"

namespace mock::admin {

// Throws ApiError 401 (missing or wrong token) or 403 (cross-origin browser request).
void check_admin_access(const http::ApiRequest& request, const std::optional<std::string>& token);

}  // namespace mock::admin
