#pragma once
// The JSON type used on the wire. ordered_json keeps keys in the order the
// objects are built, so responses read like the API reference and the same
// state always serialises to the same bytes.
#include <nlohmann/json.hpp>

namespace mock {
using Json = nlohmann::ordered_json;
}
