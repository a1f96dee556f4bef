#pragma once
// Standard base64 (RFC 4648, with padding) for binary bodies in cassettes.
#include <optional>
#include <string>
#include <string_view>

namespace cassettes {

std::string base64_encode(std::string_view bytes);
// nullopt when `text` is not canonical padded base64 (whitespace is not accepted either).
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace cassettes
