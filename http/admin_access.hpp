#pragma once
// Who may call /__admin: with --admin-token, only requests carrying it
// (`X-Admin-Token: T` or `Authorization: Bearer T`); and never a browser page from another
// origin (a web page could otherwise reset or read a developer's local mock).
#include <optional>
#include <string>

#include "http/api_message.hpp"

namespace mock::http {

// Throws ApiError 401 (missing or wrong token) or 403 (cross-origin browser request).
void check_admin_access(const http::ApiRequest& request, const std::optional<std::string>& token);

// The whole gate serve, record and replay put before every /__admin call: on a server bound
// to loopback, a Host that names another machine is refused (403 host_refused: origin checks
// miss DNS rebinding, whose page is same-origin with the name it rebound); then
// check_admin_access.
void check_admin_request(const http::ApiRequest& request, const std::optional<std::string>& token,
                         bool loopback_only);

}  // namespace mock::http
