#include "mock/core/field_reader.hpp"

#include <cmath>
#include <sstream>
#include <utility>

#include "http/api_error.hpp"
#include "mock/core/id_generator.hpp"

namespace mock::core {
namespace {
using http::errors::invalid_request;

std::string format_number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string supported_list(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += (i + 1 == values.size()) ? (values.size() > 2 ? ", and " : " and ") : ", ";
    out += "'" + values[i] + "'";
  }
  return out;
}

constexpr std::size_t k_metadata_max_pairs = 16;
constexpr std::size_t k_metadata_max_key = 64;
constexpr std::size_t k_metadata_max_value = 512;

}  // namespace

std::string json_type_phrase(const Json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return "a boolean";
  if (value.is_number_integer()) return "an integer";
  if (value.is_number()) return "a decimal";
  if (value.is_string()) return "a string";
  if (value.is_array()) return "an array";
  return "an object";
}

void throw_invalid_type(const std::string& param, const std::string& expected, const Json& got) {
  throw invalid_request("Invalid type for '" + param + "': expected " + expected + ", but got " +
                            json_type_phrase(got) + " instead.",
                        param, "invalid_type");
}

void throw_invalid_value(const std::string& param, const std::string& value,
                         const std::vector<std::string>& supported) {
  throw invalid_request("Invalid value: '" + value + "'. Supported values are: " +
                            supported_list(supported) + ".",
                        param, "invalid_value");
}

void throw_missing(const std::string& param) {
  throw invalid_request("Missing required parameter: '" + param + "'.", param,
                        "missing_required_parameter");
}

void check_string_length(const std::string& param, const std::string& value,
                         std::optional<std::size_t> max_length, std::size_t min_length) {
  if (max_length && value.size() > *max_length) {
    throw invalid_request("Invalid '" + param +
                              "': string too long. Expected a string with maximum length " +
                              std::to_string(*max_length) + ", but got a string with length " +
                              std::to_string(value.size()) + " instead.",
                          param, "string_above_max_length");
  }
  if (value.size() < min_length) {
    throw invalid_request("Invalid '" + param +
                              "': string too short. Expected a string with minimum length " +
                              std::to_string(min_length) + ", but got a string with length " +
                              std::to_string(value.size()) + " instead.",
                          param, "string_below_min_length");
  }
}

void check_array_length(const std::string& param, const Json& array,
                        std::optional<std::size_t> max_items, std::size_t min_items) {
  if (max_items && array.size() > *max_items) {
    throw invalid_request("Invalid '" + param +
                              "': array too long. Expected an array with maximum length " +
                              std::to_string(*max_items) + ", but got an array with length " +
                              std::to_string(array.size()) + " instead.",
                          param, "array_above_max_length");
  }
  if (array.size() < min_items) {
    throw invalid_request("Invalid '" + param +
                              "': empty array. Expected an array with minimum length " +
                              std::to_string(min_items) + ", but got an array with length " +
                              std::to_string(array.size()) + " instead.",
                          param, "empty_array");
  }
}

FieldReader::FieldReader(const Json& object, std::string path)
    : m_object(object), m_path(std::move(path)) {
  if (!m_object.is_object()) {
    throw_invalid_type(m_path.empty() ? "body" : m_path, "an object", m_object);
  }
}

void FieldReader::allow_only(std::initializer_list<std::string_view> keys) const {
  for (const auto& [key, value] : m_object.items()) {
    bool known = false;
    for (std::string_view allowed : keys) known = known || allowed == key;
    if (!known) {
      const std::string param = path_of(key);
      throw invalid_request("Unknown parameter: '" + param + "'.", param, "unknown_parameter");
    }
  }
}

const Json* FieldReader::find(std::string_view key) const {
  const auto it = m_object.find(key);
  return it == m_object.end() ? nullptr : &*it;
}

bool FieldReader::has(std::string_view key) const { return find(key) != nullptr; }

bool FieldReader::has_value(std::string_view key) const {
  const Json* value = find(key);
  return value != nullptr && !value->is_null();
}

std::string FieldReader::path_of(std::string_view key) const {
  return m_path.empty() ? std::string(key) : m_path + "." + std::string(key);
}

const Json& FieldReader::get(std::string_view key) const {
  const Json* value = find(key);
  if (value == nullptr) throw_missing(path_of(key));
  return *value;
}

std::string FieldReader::required_string(std::string_view key,
                                         std::optional<std::size_t> max_length,
                                         std::size_t min_length) const {
  const Json* value = find(key);
  if (value == nullptr) throw_missing(path_of(key));
  if (!value->is_string()) throw_invalid_type(path_of(key), "a string", *value);
  std::string text = value->get<std::string>();
  check_string_length(path_of(key), text, max_length, min_length);
  return text;
}

// Shared shape of the optional readers: absent -> nullopt; null -> allowed or invalid_type.
#define AM_READ_PRELUDE(expected)                                  \
  const Json* value = find(key);                                   \
  if (value == nullptr) return std::nullopt;                       \
  if (value->is_null()) {                                          \
    if (nullable) return Json(nullptr);                            \
    throw_invalid_type(path_of(key), expected, *value);            \
  }

std::optional<Json> FieldReader::string(std::string_view key, std::optional<std::size_t> max_length,
                                        bool nullable) const {
  AM_READ_PRELUDE("a string")
  if (!value->is_string()) throw_invalid_type(path_of(key), "a string", *value);
  check_string_length(path_of(key), value->get<std::string>(), max_length);
  return *value;
}

std::optional<Json> FieldReader::number(std::string_view key, double min, double max,
                                        bool nullable) const {
  AM_READ_PRELUDE("a decimal")
  if (!value->is_number()) throw_invalid_type(path_of(key), "a decimal", *value);
  const double number = value->get<double>();
  if (number < min) {
    throw invalid_request("Invalid '" + path_of(key) +
                              "': decimal below minimum value. Expected a value >= " +
                              format_number(min) + ", but got " + format_number(number) +
                              " instead.",
                          path_of(key), "decimal_below_min_value");
  }
  if (number > max) {
    throw invalid_request("Invalid '" + path_of(key) +
                              "': decimal above maximum value. Expected a value <= " +
                              format_number(max) + ", but got " + format_number(number) +
                              " instead.",
                          path_of(key), "decimal_above_max_value");
  }
  return *value;
}

std::optional<Json> FieldReader::integer(std::string_view key, std::optional<std::int64_t> min,
                                         std::optional<std::int64_t> max, bool nullable) const {
  AM_READ_PRELUDE("an integer")
  if (!value->is_number_integer()) throw_invalid_type(path_of(key), "an integer", *value);
  const auto number = value->get<std::int64_t>();
  if (min && number < *min) {
    throw invalid_request("Invalid '" + path_of(key) +
                              "': integer below minimum value. Expected a value >= " +
                              std::to_string(*min) + ", but got " + std::to_string(number) +
                              " instead.",
                          path_of(key), "integer_below_min_value");
  }
  if (max && number > *max) {
    throw invalid_request("Invalid '" + path_of(key) +
                              "': integer above maximum value. Expected a value <= " +
                              std::to_string(*max) + ", but got " + std::to_string(number) +
                              " instead.",
                          path_of(key), "integer_above_max_value");
  }
  return *value;
}

std::optional<Json> FieldReader::boolean(std::string_view key, bool nullable) const {
  AM_READ_PRELUDE("a boolean")
  if (!value->is_boolean()) throw_invalid_type(path_of(key), "a boolean", *value);
  return *value;
}

std::optional<Json> FieldReader::enum_string(std::string_view key,
                                             const std::vector<std::string>& values,
                                             bool nullable) const {
  AM_READ_PRELUDE("a string")
  if (!value->is_string()) throw_invalid_type(path_of(key), "a string", *value);
  const auto text = value->get<std::string>();
  for (const std::string& allowed : values) {
    if (allowed == text) return *value;
  }
  throw_invalid_value(path_of(key), text, values);
}

std::optional<Json> FieldReader::array(std::string_view key, std::optional<std::size_t> max_items,
                                       bool nullable, std::size_t min_items) const {
  AM_READ_PRELUDE("an array")
  if (!value->is_array()) throw_invalid_type(path_of(key), "an array", *value);
  check_array_length(path_of(key), *value, max_items, min_items);
  return *value;
}

std::optional<Json> FieldReader::object(std::string_view key, bool nullable) const {
  AM_READ_PRELUDE("an object")
  if (!value->is_object()) throw_invalid_type(path_of(key), "an object", *value);
  return *value;
}

#undef AM_READ_PRELUDE

void check_id_prefix(const std::string& param, const std::string& id, const std::string& prefix) {
  if (!core::has_id_prefix(id, prefix)) {
    // The service names the prefix without its separator: 'thread', 'file'.
    throw http::errors::wrong_id_prefix(param, id, prefix.substr(0, prefix.size() - 1));
  }
}

Json parse_metadata(const Json& value, const std::string& path) {
  if (value.is_null()) return value;
  if (!value.is_object()) throw_invalid_type(path, "an object", value);
  if (value.size() > k_metadata_max_pairs) {
    throw invalid_request("Invalid '" + path +
                              "': too many properties. Expected an object with at most " +
                              std::to_string(k_metadata_max_pairs) +
                              " properties, but got an object with " +
                              std::to_string(value.size()) + " properties instead.",
                          path, "object_above_max_properties");
  }
  for (const auto& [key, item] : value.items()) {
    const std::string key_path = path + "." + key;
    if (key.size() > k_metadata_max_key) {
      throw invalid_request("Invalid '" + path + "': metadata key '" + key.substr(0, 16) +
                                "...' is too long. Expected a key with maximum length " +
                                std::to_string(k_metadata_max_key) +
                                ", but got a key with length " + std::to_string(key.size()) +
                                " instead.",
                            path, "string_above_max_length");
    }
    if (!item.is_string()) throw_invalid_type(key_path, "a string", item);
    check_string_length(key_path, item.get<std::string>(), k_metadata_max_value);
  }
  return value;
}

}  // namespace mock::core
