#pragma once
// The JSON type used on the wire. ordered_json keeps keys in the order the
// objects are built, so responses read like the API reference and the same
// state always serialises to the same bytes.
#include <nlohmann/json.hpp>

namespace mock {
using Json = nlohmann::ordered_json;
}

namespace mock {
// The bytes a JSON value goes out as: compact, and text that is not valid UTF-8 (which the
// request parser refuses, so it should never get this far) as replacement characters.
inline std::string to_wire_text(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}
}  // namespace mock
