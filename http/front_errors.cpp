#include "http/front_errors.hpp"

namespace mock::http {
namespace {
const char* reason_phrase(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}
}  // namespace

ApiError refusal_error(Refusal why, const HttpServerConfig& config, const std::string& framing_problem) {
  switch (why) {
    case Refusal::too_slow:
      return {408,
              "The request did not arrive in time (the server waits " +
                  std::to_string(config.read_timeout_seconds) + " s for each part and " +
                  std::to_string(config.request_timeout_seconds) + " s for a whole request).",
              "invalid_request_error", std::nullopt, "request_timeout"};
    case Refusal::line_too_long:
      return library_error(414, "", "");
    case Refusal::head_too_large:
      return {431,
              "Request header fields too large (at most " + std::to_string(config.max_head_bytes) +
                  " bytes of request line and headers).",
              "invalid_request_error", std::nullopt, "request_header_fields_too_large"};
    case Refusal::body_too_large:
      return library_error(413, "", "");
    case Refusal::bad_framing:
      break;
  }
  return {400, framing_problem.empty() ? "Invalid request framing." : framing_problem, "invalid_request_error"};
}

ApiError over_capacity_error(const HttpServerConfig& config) {
  ApiError error(503,
                 "The server is overloaded: it serves " + std::to_string(config.threads) +
                     " connections at once (--threads). Retry shortly.",
                 "server_error", std::nullopt, "server_overloaded");
  error.headers.emplace("retry-after", "1");
  return error;
}

ApiError library_error(int status, const std::string& method, const std::string& path) {
  switch (status) {
    case 413:
      return {413, "Request body too large.", "invalid_request_error", std::nullopt, "request_too_large"};
    case 414:
      return {414, "Request URI too long.", "invalid_request_error"};
    default:
      return {status, "Malformed HTTP request (" + method + " " + path + ").", "invalid_request_error"};
  }
}

std::string raw_error_response(const ApiError& error) {
  // The path in a message may hold any bytes a client sent: never throw on invalid UTF-8.
  const std::string body = error.envelope().dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string out = "HTTP/1.1 " + std::to_string(error.status()) + " " + reason_phrase(error.status()) +
                    "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                    "\r\nConnection: close\r\n";
  for (const auto& [name, value] : error.headers) out += name + ": " + value + "\r\n";
  return out + "\r\n" + body;
}

}  // namespace mock::http
