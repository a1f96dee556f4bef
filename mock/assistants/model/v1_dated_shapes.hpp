#pragma once
// v1 objects with exactly the fields they had on the request's date (`serve --as-of`): the
// final v1 shape (2024-04-16) less the fields added after the date (timeline/v1_field_history).
// Without a date, v1 keeps the seed article's December 2023 shapes (model/wire.hpp).
#include <optional>

#include "mock/assistants/model/objects.hpp"
#include "http/json.hpp"
#include "http/api_message.hpp"

namespace mock::assistants {

// The dated v1 shape, or nullopt when the request is not v1 with a date.
std::optional<Json> dated_v1_wire(const assistants::Message& message, const http::ApiRequest& request);
std::optional<Json> dated_v1_wire(const assistants::Run& run, const http::ApiRequest& request);
std::optional<Json> dated_v1_wire(const assistants::RunStep& step, const http::ApiRequest& request);
// Assistants and threads kept their December 2023 fields for all of v1.
template <class T>
std::optional<Json> dated_v1_wire(const T&, const http::ApiRequest&) {
  return std::nullopt;
}

}  // namespace mock::assistants
