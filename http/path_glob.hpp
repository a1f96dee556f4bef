#pragma once
// Request-path globs, as faults and journal queries take them: `*` matches within one
// path segment, `**` across segments; every other character matches itself.
#include <string_view>

namespace mock::http {

bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace mock::http
