#include "mock/assistants/params/shared_params.hpp"

#include <vector>

#include "mock/assistants/params/field_reader.hpp"
#include "mock/core/id_generator.hpp"
#include "mock/http/api_error.hpp"
#include "mock/vector_stores/params.hpp"

namespace mock::assistants {
namespace {
using http::errors::invalid_request;

constexpr std::size_t k_metadata_max_pairs = 16;
constexpr std::size_t k_metadata_max_key = 64;
constexpr std::size_t k_metadata_max_value = 512;

std::string item_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

}  // namespace

Json parse_file_ids(const Json& value, const std::string& path, std::size_t max_items) {
  if (!value.is_array()) throw_invalid_type(path, "an array of strings", value);
  check_array_length(path, value, max_items);
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string()) throw_invalid_type(item_path(path, i), "a string", value[i]);
    check_id_prefix(item_path(path, i), value[i].get<std::string>(), "file-");
  }
  return value;
}

namespace {
Json parse_function_tool(const Json& value, const std::string& path, ApiVersion version) {
  FieldReader reader(value, path);
  if (version == ApiVersion::v1) {
    reader.allow_only({"name", "description", "parameters"});
  } else {
    reader.allow_only({"name", "description", "parameters", "strict"});
  }
  Json out = Json::object();
  const std::string name = reader.required_string("name", 64, 1);
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) {
      throw invalid_request("Invalid '" + reader.path_of("name") + "': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
                            reader.path_of("name"), "invalid_value");
    }
  }
  out["name"] = name;
  if (auto description = reader.string("description", std::nullopt, false)) {
    out["description"] = *description;
  }
  if (auto parameters = reader.object("parameters", false)) out["parameters"] = *parameters;
  if (version == ApiVersion::v2) {
    const auto strict = reader.boolean("strict");
    out["strict"] = strict && !strict->is_null() ? *strict : Json(false);
  }
  return out;
}

Json parse_file_search_tool(const Json& value, const std::string& path) {
  FieldReader reader(value, path);
  reader.allow_only({"max_num_results", "ranking_options"});
  Json out = Json::object();
  if (auto max = reader.integer("max_num_results", 1, 50, false)) out["max_num_results"] = *max;
  Json ranking = Json{{"ranker", "default_2024_08_21"}, {"score_threshold", 0.0}};
  if (auto options = reader.object("ranking_options", false)) {
    FieldReader options_reader(*options, reader.path_of("ranking_options"));
    options_reader.allow_only({"ranker", "score_threshold"});
    if (auto ranker = options_reader.enum_string("ranker", {"auto", "default_2024_08_21"}, false)) {
      ranking["ranker"] = *ranker;
    }
    if (auto threshold = options_reader.number("score_threshold", 0.0, 1.0, false)) {
      ranking["score_threshold"] = *threshold;
    } else {
      throw_missing(options_reader.path_of("score_threshold"));
    }
  }
  out["ranking_options"] = ranking;
  return out;
}
}  // namespace

const std::vector<std::string> k_reasoning_efforts = {"none", "minimal", "low", "medium",
                                                      "high", "xhigh", "max"};

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
                                std::to_string(k_metadata_max_key) + ", but got a key with length " +
                                std::to_string(key.size()) + " instead.",
                            path, "string_above_max_length");
    }
    if (!item.is_string()) throw_invalid_type(key_path, "a string", item);
    check_string_length(key_path, item.get<std::string>(), k_metadata_max_value);
  }
  return value;
}

Json parse_response_format(const Json& value, const std::string& path, ApiVersion version) {
  if (value.is_null()) return "auto";
  if (value.is_string()) {
    const auto text = value.get<std::string>();
    if (version == ApiVersion::v1 && (text == "none" || text == "auto")) return value;
    if (text != "auto") {
      throw_invalid_value(path, text,
                          version == ApiVersion::v1 ? std::vector<std::string>{"none", "auto"}
                                                    : std::vector<std::string>{"auto"});
    }
    return value;
  }
  FieldReader reader(value, path);
  reader.allow_only({"type", "json_schema"});
  const auto type = version == ApiVersion::v1
                        ? reader.enum_string("type", {"text", "json_object"}, false)
                        : reader.enum_string("type", {"text", "json_object", "json_schema"}, false);
  if (!type) throw_missing(reader.path_of("type"));
  Json out = Json{{"type", *type}};
  if (*type == "json_schema") {
    const auto schema = reader.object("json_schema", false);
    if (!schema) throw_missing(reader.path_of("json_schema"));
    FieldReader schema_reader(*schema, reader.path_of("json_schema"));
    schema_reader.allow_only({"name", "description", "schema", "strict"});
    schema_reader.required_string("name", 64, 1);
    schema_reader.string("description", std::nullopt, false);
    schema_reader.object("schema", false);
    schema_reader.boolean("strict");
    out["json_schema"] = *schema;
  } else if (reader.has("json_schema")) {
    throw invalid_request("Unknown parameter: '" + reader.path_of("json_schema") + "'.",
                          reader.path_of("json_schema"), "unknown_parameter");
  }
  return out;
}

Json parse_tool_choice(const Json& value, const std::string& path, ApiVersion version) {
  if (value.is_null()) return "auto";
  const bool v1 = version == ApiVersion::v1;
  if (value.is_string()) {
    const auto text = value.get<std::string>();
    if (text != "none" && text != "auto" && (v1 || text != "required")) {
      throw_invalid_value(path, text,
                          v1 ? std::vector<std::string>{"none", "auto"}
                             : std::vector<std::string>{"none", "auto", "required"});
    }
    return value;
  }
  FieldReader reader(value, path);
  reader.allow_only({"type", "function"});
  const auto type =
      reader.enum_string("type", {"function", "code_interpreter", v1 ? "retrieval" : "file_search"},
                         false);
  if (!type) throw_missing(reader.path_of("type"));
  Json out = Json{{"type", *type == "retrieval" ? Json("file_search") : *type}};
  if (*type == "function") {
    const auto function = reader.object("function", false);
    if (!function) throw_missing(reader.path_of("function"));
    FieldReader function_reader(*function, reader.path_of("function"));
    function_reader.allow_only({"name"});
    out["function"] = Json{{"name", function_reader.required_string("name", 64, 1)}};
  }
  return out;
}

Json parse_truncation_strategy(const Json& value, const std::string& path) {
  if (value.is_null()) return Json{{"type", "auto"}, {"last_messages", nullptr}};
  FieldReader reader(value, path);
  reader.allow_only({"type", "last_messages"});
  const auto type = reader.enum_string("type", {"auto", "last_messages"}, false);
  if (!type) throw_missing(reader.path_of("type"));
  const auto last = reader.integer("last_messages", 1, std::nullopt);
  return Json{{"type", *type}, {"last_messages", last ? *last : Json(nullptr)}};
}

Json parse_tools(const Json& value, const std::string& path, std::size_t max_items,
                 ApiVersion version) {
  if (value.is_null()) return Json::array();
  if (!value.is_array()) throw_invalid_type(path, "an array", value);
  check_array_length(path, value, max_items);
  Json out = Json::array();
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string tool_path = item_path(path, i);
    FieldReader reader(value[i], tool_path);
    const auto type = reader.enum_string(
        "type",
        {"code_interpreter", version == ApiVersion::v1 ? "retrieval" : "file_search", "function"},
        false);
    if (!type) throw_missing(reader.path_of("type"));
    Json tool = Json{{"type", *type}};
    if (*type == "retrieval") {
      // Stored as its v2 successor; the v1 view turns it back (wire.cpp).
      reader.allow_only({"type"});
      tool = Json{{"type", "file_search"}, {"file_search", parse_file_search_tool(Json::object(), tool_path)}};
    } else if (*type == "code_interpreter") {
      reader.allow_only({"type"});
    } else if (*type == "file_search") {
      reader.allow_only({"type", "file_search"});
      const auto options = reader.object("file_search", false);
      tool["file_search"] =
          parse_file_search_tool(options ? *options : Json::object(), reader.path_of("file_search"));
    } else {
      reader.allow_only({"type", "function"});
      const auto function = reader.object("function", false);
      if (!function) throw_missing(reader.path_of("function"));
      tool["function"] = parse_function_tool(*function, reader.path_of("function"), version);
    }
    out.push_back(std::move(tool));
  }
  return out;
}

Json parse_tool_resources(const Json& value, const std::string& path,
                          bool allow_vector_store_helper) {
  if (value.is_null()) return Json::object();
  FieldReader reader(value, path);
  reader.allow_only({"code_interpreter", "file_search"});
  Json out = Json::object();
  if (auto code = reader.object("code_interpreter")) {
    if (!code->is_null()) {
      FieldReader code_reader(*code, reader.path_of("code_interpreter"));
      code_reader.allow_only({"file_ids"});
      Json ids = Json::array();
      if (code_reader.has_value("file_ids")) {
        ids = parse_file_ids(code_reader.get("file_ids"), code_reader.path_of("file_ids"), 20);
      }
      out["code_interpreter"] = Json{{"file_ids", ids}};
    }
  }
  if (auto search = reader.object("file_search")) {
    if (!search->is_null()) {
      FieldReader search_reader(*search, reader.path_of("file_search"));
      if (allow_vector_store_helper) {
        search_reader.allow_only({"vector_store_ids", "vector_stores"});
      } else {
        search_reader.allow_only({"vector_store_ids"});
      }
      Json ids = Json::array();
      if (search_reader.has("vector_store_ids") && !search_reader.get("vector_store_ids").is_array()) {
        throw_invalid_type(search_reader.path_of("vector_store_ids"), "an array of strings",
                           search_reader.get("vector_store_ids"));
      }
      if (auto given = search_reader.array("vector_store_ids", 1, false)) {
        for (std::size_t i = 0; i < given->size(); ++i) {
          const std::string id_path = item_path(search_reader.path_of("vector_store_ids"), i);
          if (!(*given)[i].is_string()) throw_invalid_type(id_path, "a string", (*given)[i]);
          check_id_prefix(id_path, (*given)[i].get<std::string>(), "vs_");
        }
        ids = *given;
      }
      // The helper makes stores from file ids. Parsing only validates it; the handler
      // creates the stores (vector_stores::resolve_tool_resources) and lists their ids.
      Json helpers = Json::array();
      if (auto given = search_reader.array("vector_stores", 1)) {
        for (std::size_t i = 0; i < given->size(); ++i) {
          helpers.push_back(vector_stores::parse_vector_store_helper(
              (*given)[i], item_path(search_reader.path_of("vector_stores"), i)));
        }
      }
      if (!ids.empty() && !helpers.empty()) {
        throw invalid_request("Invalid '" + reader.path_of("file_search") +
                                  "': give either 'vector_store_ids' or 'vector_stores', not both.",
                              search_reader.path_of("vector_stores"), "invalid_value");
      }
      out["file_search"] = Json{{"vector_store_ids", ids}};
      if (!helpers.empty()) out["file_search"]["vector_stores"] = std::move(helpers);
    }
  }
  return out;
}

}  // namespace mock::assistants
