#include "mock/assistants/params/shared_params.hpp"

#include <vector>

#include "http/api_error.hpp"
#include "mock/core/field_reader.hpp"
#include "mock/core/id_generator.hpp"
#include "mock/vector_stores/params.hpp"

namespace mock::assistants {
namespace {
using http::errors::invalid_request;

std::string item_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

}  // namespace

Json parse_file_ids(const Json& value, const std::string& path, std::size_t max_items) {
  if (!value.is_array()) core::throw_invalid_type(path, "an array of strings", value);
  core::check_array_length(path, value, max_items);
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string()) core::throw_invalid_type(item_path(path, i), "a string", value[i]);
    core::check_id_prefix(item_path(path, i), value[i].get<std::string>(), "file-");
  }
  return value;
}

namespace {
Json parse_function_tool(const Json& value, const std::string& path, ApiVersion version) {
  core::FieldReader reader(value, path);
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
  core::FieldReader reader(value, path);
  reader.allow_only({"max_num_results", "ranking_options"});
  Json out = Json::object();
  if (auto max = reader.integer("max_num_results", 1, 50, false)) out["max_num_results"] = *max;
  Json ranking = Json{{"ranker", "default_2024_08_21"}, {"score_threshold", 0.0}};
  if (auto options = reader.object("ranking_options", false)) {
    core::FieldReader options_reader(*options, reader.path_of("ranking_options"));
    options_reader.allow_only({"ranker", "score_threshold"});
    if (auto ranker = options_reader.enum_string("ranker", {"auto", "default_2024_08_21"}, false)) {
      ranking["ranker"] = *ranker;
    }
    if (auto threshold = options_reader.number("score_threshold", 0.0, 1.0, false)) {
      ranking["score_threshold"] = *threshold;
    } else {
      core::throw_missing(options_reader.path_of("score_threshold"));
    }
  }
  out["ranking_options"] = ranking;
  return out;
}
}  // namespace

const std::vector<std::string> k_reasoning_efforts = {"none", "minimal", "low", "medium",
                                                      "high", "xhigh", "max"};

Json parse_response_format(const Json& value, const std::string& path, ApiVersion version) {
  if (value.is_null()) return "auto";
  if (value.is_string()) {
    const auto text = value.get<std::string>();
    if (version == ApiVersion::v1 && (text == "none" || text == "auto")) return value;
    if (text != "auto") {
      core::throw_invalid_value(path, text,
                          version == ApiVersion::v1 ? std::vector<std::string>{"none", "auto"}
                                                    : std::vector<std::string>{"auto"});
    }
    return value;
  }
  core::FieldReader reader(value, path);
  reader.allow_only({"type", "json_schema"});
  const auto type = version == ApiVersion::v1
                        ? reader.enum_string("type", {"text", "json_object"}, false)
                        : reader.enum_string("type", {"text", "json_object", "json_schema"}, false);
  if (!type) core::throw_missing(reader.path_of("type"));
  Json out = Json{{"type", *type}};
  if (*type == "json_schema") {
    const auto schema = reader.object("json_schema", false);
    if (!schema) core::throw_missing(reader.path_of("json_schema"));
    core::FieldReader schema_reader(*schema, reader.path_of("json_schema"));
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
      core::throw_invalid_value(path, text,
                          v1 ? std::vector<std::string>{"none", "auto"}
                             : std::vector<std::string>{"none", "auto", "required"});
    }
    return value;
  }
  core::FieldReader reader(value, path);
  reader.allow_only({"type", "function"});
  const auto type =
      reader.enum_string("type", {"function", "code_interpreter", v1 ? "retrieval" : "file_search"},
                         false);
  if (!type) core::throw_missing(reader.path_of("type"));
  Json out = Json{{"type", *type == "retrieval" ? Json("file_search") : *type}};
  if (*type == "function") {
    const auto function = reader.object("function", false);
    if (!function) core::throw_missing(reader.path_of("function"));
    core::FieldReader function_reader(*function, reader.path_of("function"));
    function_reader.allow_only({"name"});
    out["function"] = Json{{"name", function_reader.required_string("name", 64, 1)}};
  }
  return out;
}

Json parse_truncation_strategy(const Json& value, const std::string& path) {
  if (value.is_null()) return Json{{"type", "auto"}, {"last_messages", nullptr}};
  core::FieldReader reader(value, path);
  reader.allow_only({"type", "last_messages"});
  const auto type = reader.enum_string("type", {"auto", "last_messages"}, false);
  if (!type) core::throw_missing(reader.path_of("type"));
  const auto last = reader.integer("last_messages", 1, std::nullopt);
  return Json{{"type", *type}, {"last_messages", last ? *last : Json(nullptr)}};
}

Json parse_tools(const Json& value, const std::string& path, std::size_t max_items,
                 ApiVersion version) {
  if (value.is_null()) return Json::array();
  if (!value.is_array()) core::throw_invalid_type(path, "an array", value);
  core::check_array_length(path, value, max_items);
  Json out = Json::array();
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string tool_path = item_path(path, i);
    core::FieldReader reader(value[i], tool_path);
    const auto type = reader.enum_string(
        "type",
        {"code_interpreter", version == ApiVersion::v1 ? "retrieval" : "file_search", "function"},
        false);
    if (!type) core::throw_missing(reader.path_of("type"));
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
      if (!function) core::throw_missing(reader.path_of("function"));
      tool["function"] = parse_function_tool(*function, reader.path_of("function"), version);
    }
    out.push_back(std::move(tool));
  }
  return out;
}

Json parse_tool_resources(const Json& value, const std::string& path,
                          bool allow_vector_store_helper) {
  if (value.is_null()) return Json::object();
  core::FieldReader reader(value, path);
  reader.allow_only({"code_interpreter", "file_search"});
  Json out = Json::object();
  if (auto code = reader.object("code_interpreter")) {
    if (!code->is_null()) {
      core::FieldReader code_reader(*code, reader.path_of("code_interpreter"));
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
      core::FieldReader search_reader(*search, reader.path_of("file_search"));
      if (allow_vector_store_helper) {
        search_reader.allow_only({"vector_store_ids", "vector_stores"});
      } else {
        search_reader.allow_only({"vector_store_ids"});
      }
      Json ids = Json::array();
      if (search_reader.has("vector_store_ids") && !search_reader.get("vector_store_ids").is_array()) {
        core::throw_invalid_type(search_reader.path_of("vector_store_ids"), "an array of strings",
                           search_reader.get("vector_store_ids"));
      }
      if (auto given = search_reader.array("vector_store_ids", 1, false)) {
        for (std::size_t i = 0; i < given->size(); ++i) {
          const std::string id_path = item_path(search_reader.path_of("vector_store_ids"), i);
          if (!(*given)[i].is_string()) core::throw_invalid_type(id_path, "a string", (*given)[i]);
          core::check_id_prefix(id_path, (*given)[i].get<std::string>(), "vs_");
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
