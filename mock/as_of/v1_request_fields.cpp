#include "mock/as_of/v1_request_fields.hpp"

#include <string_view>
#include <vector>

#include "http/api_error.hpp"
#include "http/json.hpp"
#include "http/route_table.hpp"
#include "timeline/v1_field_history.hpp"

namespace mock::as_of {
namespace {
// The v1 request whose body gained fields, by method and path (names as in routes.cpp).
std::string_view request_name(const http::ApiRequest& request) {
  if (request.method != "POST") return {};
  const std::vector<std::string_view> s = http::split_path(request.path);
  // s[0] is "v1"
  if (s.size() == 2 && s[1] == "assistants") return "assistants.create";
  if (s.size() == 3 && s[1] == "assistants") return "assistants.modify";
  if (s.size() == 3 && s[1] == "threads" && s[2] == "runs") return "runs.create_thread_and_run";
  if (s.size() == 4 && s[1] == "threads" && s[3] == "runs") return "runs.create";
  if (s.size() == 6 && s[1] == "threads" && s[5] == "submit_tool_outputs") return "runs.submit_tool_outputs";
  return {};
}
}  // namespace

std::optional<http::ApiError> v1_field_refusal(const http::ApiRequest& request, const timeline::CalendarDate& date) {
  const std::string_view name = request_name(request);
  if (name.empty()) return std::nullopt;
  const auto not_yet = timeline::v1_fields_not_yet(timeline::v1_request_field_additions(), name, date);
  if (not_yet.empty()) return std::nullopt;
  // A body that is not a JSON object gets the handler's own error. The parse is kept on the
  // request for the handler.
  const Json* body = nullptr;
  try {
    body = &request.json_body();
  } catch (const http::ApiError&) {
    return std::nullopt;
  }
  for (const std::string_view field : not_yet) {
    const std::string param(field);
    if (body->contains(param)) {
      return http::errors::invalid_request("Unknown parameter: '" + param + "'.", param, "unknown_parameter");
    }
  }
  return std::nullopt;
}

}  // namespace mock::as_of
