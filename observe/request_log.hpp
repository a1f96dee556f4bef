#pragma once
// One line per request on stderr: method, path, status, time, what served it. Never
// headers, query or bodies: they carry keys and user data.
#include <string>

#include "http/api_message.hpp"

namespace mock::observe {

enum class LogFormat { text, json };

std::string format_request_line(LogFormat format, const http::ApiRequest& request,
                                const http::ApiResponse& response, double duration_ms,
                                std::int64_t now_ms);

}  // namespace mock::observe
