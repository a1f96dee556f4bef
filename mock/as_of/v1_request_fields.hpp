#pragma once
// v1 request fields the API of a date did not accept yet (`stream` before 2024-03-27,
// `temperature` on runs before 2024-03-28, ...; timeline/v1_field_history) are refused as the
// service refused any unknown parameter: 400 "Unknown parameter: 'stream'." (unknown_parameter).
#include <optional>

#include "http/api_error.hpp"
#include "http/api_message.hpp"
#include "timeline/calendar_date.hpp"

namespace mock::as_of {

// The refusal for the first such field of a v1 request's JSON body, or nullopt.
std::optional<http::ApiError> v1_field_refusal(const http::ApiRequest& request, const timeline::CalendarDate& date);

}  // namespace mock::as_of
