#include "http/admin_access.hpp"

#include "http/api_error.hpp"
#include "http/host_header.hpp"

namespace mock::http {
namespace {
bool is_local_origin(const std::string& origin) {
  for (const char* local : {"http://127.0.0.1", "http://localhost", "http://[::1]"}) {
    const std::string prefix(local);
    if (origin == prefix || origin.starts_with(prefix + ":")) return true;
  }
  return false;
}

// Compares without stopping at the first difference, so timing tells nothing of the token.
bool same_secret(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff = static_cast<unsigned char>(diff | (a[i] ^ (i < b.size() ? b[i] : 0)));
  }
  return diff == 0;
}
}  // namespace

void check_admin_access(const http::ApiRequest& request, const std::optional<std::string>& token) {
  const auto origin = request.header("Origin");
  const auto fetch_site = request.header("Sec-Fetch-Site");
  if ((origin && !is_local_origin(*origin)) || (fetch_site && *fetch_site == "cross-site")) {
    throw http::ApiError(403, "The admin API does not accept cross-origin browser requests.",
                         "invalid_request_error", std::nullopt, "cross_origin_refused");
  }
  if (!token) return;
  std::string given = request.header("X-Admin-Token").value_or("");
  if (given.empty()) {
    const std::string authorization = request.header("Authorization").value_or("");
    if (authorization.starts_with("Bearer ")) given = authorization.substr(7);
  }
  if (!same_secret(given, *token)) {
    throw http::ApiError(401,
                         "The admin API needs the admin token: send 'X-Admin-Token: <token>' (the "
                         "server was started with --admin-token).",
                         "invalid_request_error", std::nullopt, "invalid_admin_token");
  }
}

void check_admin_request(const http::ApiRequest& request, const std::optional<std::string>& token,
                         bool loopback_only) {
  if (loopback_only && !http::host_names_loopback(request.header("Host").value_or(""))) {
    throw http::ApiError(403,
                         "The admin API answers only requests addressed to this machine (Host: localhost or 127.0.0.1).",
                         "invalid_request_error", std::nullopt, "host_refused");
  }
  check_admin_access(request, token);
}

}  // namespace mock::http
