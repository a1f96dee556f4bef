#pragma once
// Reads one JSON object of a request body (or a nested part of it) and throws the
// service's 400 errors, worded as it words them, with `param` set to the dotted path:
//   Unknown parameter: 'x'.                         code unknown_parameter
//   Missing required parameter: 'model'.            code missing_required_parameter
//   Invalid type for 'name': expected a string, but got an integer instead.   invalid_type
//   Invalid 'name': string too long. Expected a string with maximum length 256, ...
//   Invalid value: 'x'. Supported values are: 'user' and 'assistant'.        invalid_value
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/json.hpp"

namespace mock::core {

class FieldReader {
public:
  // `object` must outlive the reader. `path` is the dotted prefix for error params ("" at top).
  FieldReader(const Json& object, std::string path);

  // Throws "Unknown parameter" for the first key not listed.
  void allow_only(std::initializer_list<std::string_view> keys) const;

  bool has(std::string_view key) const;        // present, even if null
  bool has_value(std::string_view key) const;  // present and not null
  std::string path_of(std::string_view key) const;
  const Json& get(std::string_view key) const;  // must be present

  // Each returns nullopt when the key is absent; null is refused unless `nullable`.
  std::string required_string(std::string_view key, std::optional<std::size_t> max_length = {},
                              std::size_t min_length = 0) const;
  std::optional<Json> string(std::string_view key, std::optional<std::size_t> max_length = {},
                             bool nullable = true) const;
  std::optional<Json> number(std::string_view key, double min, double max,
                             bool nullable = true) const;
  std::optional<Json> integer(std::string_view key, std::optional<std::int64_t> min,
                              std::optional<std::int64_t> max, bool nullable = true) const;
  std::optional<Json> boolean(std::string_view key, bool nullable = true) const;
  std::optional<Json> enum_string(std::string_view key, const std::vector<std::string>& values,
                                  bool nullable = true) const;
  std::optional<Json> array(std::string_view key, std::optional<std::size_t> max_items = {},
                            bool nullable = true, std::size_t min_items = 0) const;
  std::optional<Json> object(std::string_view key, bool nullable = true) const;

private:
  const Json* find(std::string_view key) const;
  const Json& m_object;
  std::string m_path;
};

// "a string", "an integer", ... as the service names JSON types in its messages.
std::string json_type_phrase(const Json& value);

// Validators for single values, used for array items and nested shapes.
[[noreturn]] void throw_invalid_type(const std::string& param, const std::string& expected,
                                     const Json& got);
[[noreturn]] void throw_invalid_value(const std::string& param, const std::string& value,
                                      const std::vector<std::string>& supported);
[[noreturn]] void throw_missing(const std::string& param);
void check_string_length(const std::string& param, const std::string& value,
                         std::optional<std::size_t> max_length, std::size_t min_length = 0);
void check_array_length(const std::string& param, const Json& array,
                        std::optional<std::size_t> max_items, std::size_t min_items = 0);

// map of string -> string; at most 16 pairs, keys <= 64, values <= 512 (FACTS.md §9.6).
// null stays null.
Json parse_metadata(const Json& value, const std::string& path);

// An id sent in a body or path must begin with its prefix, else 400 (FACTS.md §7).
void check_id_prefix(const std::string& param, const std::string& id, const std::string& prefix);

}  // namespace mock::core
