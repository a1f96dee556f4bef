#include "mock/core/field_reader.hpp"
#include "mock/assistants/params/request_params.hpp"
#include "mock/assistants/params/shared_params.hpp"

namespace mock::assistants {
namespace {
constexpr std::size_t k_max_assistant_tools = 128;

// The fields create and modify share; `creating` decides whether model is required.
Json parse_assistant_fields(const Json& body, bool creating, ApiVersion version) {
  core::FieldReader reader(body, "");
  const bool v1 = version == ApiVersion::v1;
  if (v1) {
    reader.allow_only({"model", "name", "description", "instructions", "tools", "file_ids",
                       "metadata", "temperature", "top_p", "response_format"});
  } else {
    reader.allow_only({"model", "name", "description", "instructions", "reasoning_effort",
                       "tools", "tool_resources", "metadata", "temperature", "top_p",
                       "response_format"});
  }
  Json out = Json::object();
  if (creating) {
    out["model"] = reader.required_string("model", std::nullopt, 1);
  } else if (auto model = reader.string("model", std::nullopt, false)) {
    out["model"] = *model;
  }
  if (auto name = reader.string("name", 256)) out["name"] = *name;
  if (auto description = reader.string("description", 512)) out["description"] = *description;
  if (auto instructions = reader.string("instructions", 256000)) out["instructions"] = *instructions;
  if (auto effort = reader.enum_string("reasoning_effort", k_reasoning_efforts)) {
    out["reasoning_effort"] = *effort;
  }
  if (reader.has("tools")) {
    out["tools"] = parse_tools(reader.get("tools"), "tools", k_max_assistant_tools, version);
  }
  if (v1 && reader.has("file_ids")) {
    out["file_ids"] = reader.get("file_ids").is_null()
                          ? Json::array()
                          : parse_file_ids(reader.get("file_ids"), "file_ids", 20);
  }
  if (reader.has("tool_resources")) {
    out["tool_resources"] =
        parse_tool_resources(reader.get("tool_resources"), "tool_resources", creating);
  }
  if (reader.has("metadata")) {
    out["metadata"] = core::parse_metadata(reader.get("metadata"), "metadata");
  }
  if (auto temperature = reader.number("temperature", 0.0, 2.0)) out["temperature"] = *temperature;
  if (auto top_p = reader.number("top_p", 0.0, 1.0)) out["top_p"] = *top_p;
  if (reader.has("response_format")) {
    out["response_format"] =
        parse_response_format(reader.get("response_format"), "response_format", version);
  }
  return out;
}
}  // namespace

Json parse_create_assistant(const Json& body, ApiVersion version) {
  return parse_assistant_fields(body, true, version);
}
Json parse_modify_assistant(const Json& body, ApiVersion version) {
  return parse_assistant_fields(body, false, version);
}

std::string parse_create_assistant_file(const Json& body) {
  core::FieldReader reader(body, "");
  reader.allow_only({"file_id"});
  const std::string file_id = reader.required_string("file_id");
  core::check_id_prefix("file_id", file_id, "file-");
  return file_id;
}

}  // namespace mock::assistants
