#pragma once
// Reading a request body that a parse_* function has already validated and normalised, for
// the read_* functions that hand it to handlers as a struct. Nothing here checks a type:
// the parse_* step did, and worded the errors.
#include <optional>

#include "http/json.hpp"

namespace mock::core {

// What a client sent for a field a modify call can set or clear: nullopt when the key was
// absent (leave the field alone), an empty inner value when it was null (clear it), else
// the value.
template <class T>
using Sent = std::optional<std::optional<T>>;

// A key the client sent, null included.
inline std::optional<Json> sent_json(const Json& fields, const char* key) {
  const auto found = fields.find(key);
  if (found == fields.end()) return std::nullopt;
  return *found;
}

// A key the client sent with a value; absent and null both give nullopt.
template <class T>
std::optional<T> given(const Json& fields, const char* key) {
  const auto found = fields.find(key);
  if (found == fields.end() || found->is_null()) return std::nullopt;
  return found->get<T>();
}

// A field a modify call sets (a value) or clears (null); see Sent.
template <class T>
Sent<T> sent(const Json& fields, const char* key) {
  const auto found = fields.find(key);
  if (found == fields.end()) return std::nullopt;
  if (found->is_null()) return std::optional<T>();
  return std::optional<T>(found->get<T>());
}

// A metadata-like map: nullopt when absent; null, which clears the map, gives {}.
inline std::optional<Json> sent_map(const Json& fields, const char* key) {
  const auto found = fields.find(key);
  if (found == fields.end()) return std::nullopt;
  return found->is_null() ? Json::object() : *found;
}

}  // namespace mock::core
