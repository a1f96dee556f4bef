#pragma once
// A location inside a JSON document, printed the way people read it: $.data[0].file_ids.
// Drift reports and schema violations name fields with it.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace contracts {

struct PathSegment {
  std::string key;                   // object member name (when index is empty)
  std::optional<std::size_t> index;  // array position

  bool operator==(const PathSegment&) const = default;
};

class JsonPath {
public:
  JsonPath() = default;  // the document root, "$"

  JsonPath child(std::string key) const;
  JsonPath element(std::size_t index) const;

  // "$.a.b[0]"; member names that are not plain identifiers use brackets: $["odd key"].
  std::string to_string() const;
  // The same with every array index written [*], so a drift seen in 20 list items reads once.
  std::string to_pattern() const;

  // The value at this path in `document`, or nullptr when the path does not exist there.
  const nlohmann::json* find_in(const nlohmann::json& document) const;

  const std::vector<PathSegment>& segments() const { return m_segments; }
  bool empty() const { return m_segments.empty(); }
  std::optional<std::string> last_key() const;
  JsonPath parent() const;

  bool operator==(const JsonPath&) const = default;

private:
  std::vector<PathSegment> m_segments;
};

// Whether `inner` is `outer` or lies below it.
bool is_within(const JsonPath& inner, const JsonPath& outer);

// The JSON type name as JSON Schema spells it: object, array, string, integer, number,
// boolean, null.
std::string json_type_name(const nlohmann::json& value);

}  // namespace contracts
