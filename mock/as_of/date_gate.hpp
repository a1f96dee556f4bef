#pragma once
// What the API of a date answers before any handler runs (timeline/ holds the dates):
// - a surface not yet launched, or the Assistants API after its sunset: 404 "Invalid URL
//   (METHOD /v1/path)", the service's unknown-route answer, whatever the method;
// - Assistants with `assistants=v2` (or no header) before v2: 400 invalid_beta in the v1-era
//   wording that names assistants=v1;
// - Assistants with `assistants=v1` after the v1 shutdown: 400 invalid_beta naming the
//   migration guide, in the service's words (FACTS.md §7);
// - v1 request fields the date did not accept yet: 400 unknown_parameter (v1_request_fields).
#include <optional>
#include <string>

#include "http/api_error.hpp"
#include "http/api_message.hpp"
#include "timeline/calendar_date.hpp"

namespace mock::as_of {

// The refusal the API of `date` gives `request`, or nullopt to serve it as usual. The
// 400s come after the key check (`api_key` as `serve --api-key`), as on a served route.
std::optional<http::ApiError> refusal_on(const http::ApiRequest& request,
                                         const timeline::CalendarDate& date,
                                         const std::optional<std::string>& api_key);

}  // namespace mock::as_of
