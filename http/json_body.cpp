#include "http/json_body.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "http/api_error.hpp"
#include "json/fast_parse.hpp"

namespace mock::http {
namespace {
const char* type_word(const Json& value) {
  if (value.is_array()) return "an array";
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "a boolean";
  if (value.is_number()) return "a number";
  if (value.is_null()) return "null";
  return "an object";
}

// Builds the document as nlohmann's own parser does, with two differences. Nesting past
// k_max_json_depth stops the parse. And each key is found through a hash index: ordered_json
// keeps an object's keys in a vector and its parser searches that vector for every key it
// adds, so an object of n keys cost n^2/2 comparisons (40,000 keys in a 600 KB body took 35 s
// of CPU; a 32 MiB body would take hours).
class BoundedBuilder {
public:
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  bool null() { return put(Json(nullptr)); }
  bool boolean(bool value) { return put(Json(value)); }
  bool number_integer(number_integer_t value) { return put(Json(value)); }
  bool number_unsigned(number_unsigned_t value) { return put(Json(value)); }
  bool number_float(number_float_t value, const string_t&) { return put(Json(value)); }
  bool string(string_t& value) { return put(Json(std::move(value))); }
  bool binary(binary_t& value) { return put(Json::binary(std::move(value))); }

  bool start_object(std::size_t) { return open(Json::object()); }
  bool start_array(std::size_t) { return open(Json::array()); }
  bool key(string_t& name) {
    m_open.back().key = std::move(name);
    return true;
  }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

  bool too_deep() const { return m_too_deep; }
  Json take() { return std::move(m_root); }

private:
  struct Open {
    Json value;
    string_t key;  // the key the next value goes under (objects)
    std::unordered_map<string_t, std::size_t> index;
  };

  bool open(Json container) {
    if (m_open.size() >= static_cast<std::size_t>(k_max_json_depth)) {
      m_too_deep = true;
      return false;
    }
    m_open.push_back(Open{std::move(container), {}, {}});
    return true;
  }

  bool close() {
    Json done = std::move(m_open.back().value);
    m_open.pop_back();
    return put(std::move(done));
  }

  bool put(Json value) {
    if (m_open.empty()) {
      m_root = std::move(value);
      return true;
    }
    Open& parent = m_open.back();
    if (parent.value.is_array()) {
      parent.value.get_ref<Json::array_t&>().push_back(std::move(value));
      return true;
    }
    auto& object = parent.value.get_ref<Json::object_t&>();
    const auto [at, added] = parent.index.try_emplace(parent.key, object.size());
    if (added) {
      object.emplace_back(std::move(parent.key), std::move(value));
    } else {
      // A repeated key keeps its place and takes the last value, as nlohmann's parser does.
      (object.begin() + static_cast<std::ptrdiff_t>(at->second))->second = std::move(value);
    }
    return true;
  }

  std::vector<Open> m_open;
  Json m_root;
  bool m_too_deep = false;
};
}  // namespace

Json parse_json_object_body(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Json::object();
  }
  // The common body goes through the fast parser; anything it does not take (an error, a
  // deep or wide document) through nlohmann's, whose verdict and wording stand.
  std::optional<Json> fast = json_parse::parse_fast(body, static_cast<std::size_t>(k_max_json_depth));
  if (fast && fast->is_object()) return std::move(*fast);
  BoundedBuilder builder;
  const bool parsed = Json::sax_parse(body, &builder);
  if (builder.too_deep()) {
    throw errors::invalid_request("Invalid body: JSON nested more than " +
                                      std::to_string(k_max_json_depth) + " levels deep.",
                                  std::nullopt, "json_too_deep");
  }
  if (!parsed) throw errors::unparseable_json();
  Json document = builder.take();
  if (!document.is_object()) {
    throw errors::invalid_request(std::string("Invalid type for request body: expected an "
                                              "object, but got ") +
                                      type_word(document) + " instead.",
                                  std::nullopt, "invalid_type");
  }
  return document;
}

}  // namespace mock::http
