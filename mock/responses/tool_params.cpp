#include "mock/responses/tool_params.hpp"

#include <vector>

#include "mock/core/field_reader.hpp"

namespace mock::responses {
namespace {
using core::FieldReader;

const std::vector<std::string> k_tool_types = {"function", "code_interpreter", "file_search",
                                               "web_search", "image_generation", "mcp"};

Json parse_tool(const Json& tool, const std::string& path) {
  if (!tool.is_object()) core::throw_invalid_type(path, "an object", tool);
  FieldReader reader(tool, path);
  if (!reader.has_value("type")) core::throw_missing(reader.path_of("type"));
  const std::string type = reader.enum_string("type", k_tool_types, false)->get<std::string>();
  if (type == "function") {
    reader.allow_only({"type", "name", "parameters", "strict", "description"});
    Json out{{"type", type}, {"name", reader.required_string("name", 64, 1)}};
    out["description"] = reader.string("description").value_or(Json(nullptr));
    out["parameters"] = reader.object("parameters").value_or(Json(nullptr));
    out["strict"] = reader.boolean("strict").value_or(Json(true));
    return out;
  }
  if (type == "code_interpreter") {
    reader.allow_only({"type", "container"});
    const Json& container = reader.get("container");
    if (!container.is_string() && !container.is_object()) {
      core::throw_invalid_type(reader.path_of("container"), "a string or an object", container);
    }
    return tool;
  }
  if (type == "file_search") {
    reader.allow_only({"type", "vector_store_ids", "max_num_results", "ranking_options", "filters"});
    if (!reader.has("vector_store_ids")) core::throw_missing(reader.path_of("vector_store_ids"));
    const Json ids = *reader.array("vector_store_ids", {}, false);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (!ids[i].is_string()) {
        core::throw_invalid_type(path + ".vector_store_ids[" + std::to_string(i) + "]",
                                       "a string", ids[i]);
      }
    }
    reader.integer("max_num_results", 1, 50);
    Json out = tool;
    if (!out.contains("filters")) out["filters"] = nullptr;
    return out;
  }
  return tool;  // tools the mock never calls: echoed as sent
}
}  // namespace

Json parse_response_tools(const Json& value, const std::string& path) {
  if (value.is_null()) return Json::array();
  if (!value.is_array()) core::throw_invalid_type(path, "an array", value);
  Json out = Json::array();
  for (std::size_t i = 0; i < value.size(); ++i) {
    out.push_back(parse_tool(value[i], path + "[" + std::to_string(i) + "]"));
  }
  return out;
}

Json parse_response_tool_choice(const Json& value, const std::string& path) {
  if (value.is_null()) return "auto";
  if (value.is_string()) {
    const std::string text = value.get<std::string>();
    if (text != "none" && text != "auto" && text != "required") {
      core::throw_invalid_value(path, text, {"none", "auto", "required"});
    }
    return value;
  }
  FieldReader reader(value, path);
  reader.allow_only({"type", "name"});
  if (!reader.has_value("type")) core::throw_missing(reader.path_of("type"));
  const std::string type =
      reader.enum_string("type", {"function", "code_interpreter", "file_search"}, false)->get<std::string>();
  if (type == "function") return Json{{"type", type}, {"name", reader.required_string("name")}};
  return Json{{"type", type}};
}

}  // namespace mock::responses
