#include "observe/request_log.hpp"

#include <cstdio>

#include "http/json.hpp"

namespace mock::observe {

std::string format_request_line(LogFormat format, const http::ApiRequest& request,
                                const http::ApiResponse& response, double duration_ms,
                                std::int64_t now_ms) {
  const std::string served_by = response.served_by.empty() ? "unmatched" : response.served_by;
  if (format == LogFormat::json) {
    return Json{{"time_ms", now_ms},
                {"method", request.method},
                {"path", request.path},
                {"status", response.status},
                {"duration_ms", duration_ms},
                {"served_by", served_by}}
               .dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  char duration[32];
  std::snprintf(duration, sizeof(duration), "%.2fms", duration_ms);
  return request.method + " " + request.path + " " + std::to_string(response.status) + " " +
         duration + " " + served_by;
}

}  // namespace mock::observe
