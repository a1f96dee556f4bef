#pragma once
// The small path language of --redact-json-path: keys separated by dots, `*` for every key
// of an object or every item of an array, a number for one array item. `$.` in front and
// `[*]` / `[N]` are accepted too:  metadata.user_email   data[*].metadata.token   $.a.0.b
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "cassettes/cassette.hpp"

namespace recorder {

class JsonPath {
public:
  static tl::expected<JsonPath, std::string> parse(std::string_view text);

  // Replaces every value the path reaches with `replacement`; returns how many it replaced.
  std::size_t replace_in(cassettes::Json& document, const cassettes::Json& replacement) const;
  const std::string& text() const { return m_text; }

private:
  std::string m_text;
  std::vector<std::string> m_segments;
};

}  // namespace recorder
