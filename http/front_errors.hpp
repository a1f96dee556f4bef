#pragma once
// The answers the HTTP front gives by itself, in the OpenAI error envelope: to requests it will
// not read whole (Refusal), to connections past the bound, and for what httplib detects
// (its own 400, 413 and 414 come with empty bodies).
#include <string>

#include "http/api_error.hpp"
#include "http/http_server.hpp"
#include "http/read_budget.hpp"

namespace mock::http {

ApiError refusal_error(Refusal why, const HttpServerConfig& config, const std::string& framing_problem);
// 503 with retry-after: the connection arrived while `config.threads` others were served.
ApiError over_capacity_error(const HttpServerConfig& config);
ApiError library_error(int status, const std::string& method, const std::string& path);

// `error` as a whole HTTP/1.1 response that closes the connection, for a socket on which
// httplib could not answer (the request line itself never arrived whole).
std::string raw_error_response(const ApiError& error);

}  // namespace mock::http
