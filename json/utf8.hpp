#pragma once
// UTF-8 as JSON requires it (RFC 8259 §8.1): no overlong forms, no surrogates, nothing past
// U+10FFFF. The fast parser checks strings with it; cassettes decide text from binary by it.
#include <string_view>

namespace json_parse {

bool is_valid_utf8(std::string_view bytes);

}  // namespace json_parse
