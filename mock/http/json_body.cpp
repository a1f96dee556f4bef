#include "mock/http/json_body.hpp"

#include "mock/http/api_error.hpp"

namespace mock::http {
namespace {
struct TooDeep {};

const char* type_word(const Json& value) {
  if (value.is_array()) return "an array";
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "a boolean";
  if (value.is_number()) return "a number";
  if (value.is_null()) return "null";
  return "an object";
}
}  // namespace

Json parse_json_object_body(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Json::object();
  }
  Json parsed;
  try {
    parsed = Json::parse(body, [](int depth, Json::parse_event_t, Json&) {
      if (depth > k_max_json_depth) {
        throw TooDeep{};
      }
      return true;
    });
  } catch (const TooDeep&) {
    throw errors::invalid_request("Invalid body: JSON nested more than " +
                                      std::to_string(k_max_json_depth) + " levels deep.",
                                  std::nullopt, "json_too_deep");
  } catch (const Json::exception&) {
    throw errors::unparseable_json();
  }
  if (!parsed.is_object()) {
    throw errors::invalid_request(std::string("Invalid type for request body: expected an "
                                              "object, but got ") +
                                      type_word(parsed) + " instead.",
                                  std::nullopt, "invalid_type");
  }
  return parsed;
}

}  // namespace mock::http
