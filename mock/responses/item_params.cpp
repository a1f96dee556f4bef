#include "mock/responses/item_params.hpp"

#include <algorithm>
#include <vector>

#include "mock/core/field_reader.hpp"
#include "mock/responses/json_objects.hpp"

namespace mock::responses {
namespace {
using core::FieldReader;
using core::throw_invalid_type;
using core::throw_invalid_value;

constexpr std::size_t k_max_conversation_items = 20;

const std::vector<std::string> k_roles = {"user", "assistant", "system", "developer"};
const std::vector<std::string> k_input_part_types = {"input_text", "input_image", "input_file"};
const std::vector<std::string> k_item_types = {
    "message", "function_call", "function_call_output", "item_reference",
    "code_interpreter_call", "file_search_call", "reasoning", "compaction"};

std::string at(const std::string& param, std::size_t index) {
  return param + "[" + std::to_string(index) + "]";
}

Json text_part(const std::string& role, std::string text) {
  Json part = object_with_room(role == "assistant" ? 4 : 2);
  part["type"] = role == "assistant" ? "output_text" : "input_text";
  part["text"] = std::move(text);
  if (role == "assistant") {
    part["annotations"] = Json::array();
    part["logprobs"] = Json::array();
  }
  return part;
}

Json parse_part(const std::string& role, const Json& part, const std::string& param) {
  if (!part.is_object()) throw_invalid_type(param, "an object", part);
  FieldReader reader(part, param);
  const std::string type = reader.required_string("type");
  if (role == "assistant") {
    if (type == "output_text") {
      reader.allow_only({"type", "text", "annotations", "logprobs"});
      Json out = text_part(role, reader.required_string("text"));
      if (auto annotations = reader.array("annotations", {}, false)) out["annotations"] = *annotations;
      return out;
    }
    if (type == "refusal") {
      reader.allow_only({"type", "refusal"});
      return Json{{"type", "refusal"}, {"refusal", reader.required_string("refusal")}};
    }
    throw_invalid_value(param + ".type", type, {"output_text", "refusal"});
  }
  if (type == "input_text") {
    reader.allow_only({"type", "text"});
    return text_part(role, reader.required_string("text"));
  }
  if (type == "input_image") {
    reader.allow_only({"type", "image_url", "file_id", "detail"});
    reader.string("image_url");
    reader.string("file_id");
    Json out = part;
    out["detail"] = reader.enum_string("detail", {"low", "high", "auto"}, false).value_or(Json("auto"));
    if (!out.contains("image_url")) out["image_url"] = nullptr;
    if (!out.contains("file_id")) out["file_id"] = nullptr;
    return out;
  }
  if (type == "input_file") {
    reader.allow_only({"type", "file_id", "file_data", "file_url", "filename"});
    for (const char* key : {"file_id", "file_data", "file_url", "filename"}) reader.string(key);
    return part;
  }
  throw_invalid_value(param + ".type", type, k_input_part_types);
}

// With room for the id assign_ids adds.
Json message_item(const std::string& role, Json parts) {
  Json item = object_with_room(5);
  item["type"] = "message";
  item["status"] = "completed";
  item["role"] = role;
  item["content"] = std::move(parts);
  return item;
}

Json parse_message(const Json& item, const std::string& param) {
  FieldReader reader(item, param);
  reader.allow_only({"type", "role", "content", "id", "status"});
  const std::string role = reader.required_string("role");
  if (std::find(k_roles.begin(), k_roles.end(), role) == k_roles.end()) {
    throw_invalid_value(param + ".role", role, k_roles);
  }
  const Json& content = reader.get("content");
  Json parts = Json::array();
  if (content.is_string()) {
    parts.push_back(text_part(role, content.get<std::string>()));
  } else if (content.is_array()) {
    for (std::size_t i = 0; i < content.size(); ++i) {
      parts.push_back(parse_part(role, content[i], at(param + ".content", i)));
    }
  } else {
    throw_invalid_type(param + ".content", "a string or an array", content);
  }
  return message_item(role, std::move(parts));
}

Json parse_item(const Json& item, const std::string& param) {
  if (!item.is_object()) throw_invalid_type(param, "an object", item);
  FieldReader reader(item, param);
  const std::string type =
      reader.has_value("type") ? reader.required_string("type") : std::string("message");
  if (type == "message") return parse_message(item, param);
  if (type == "function_call_output") {
    reader.allow_only({"type", "call_id", "output", "id", "status"});
    const std::string call_id = reader.required_string("call_id", 64, 1);
    const Json& output = reader.get("output");
    if (!output.is_string() && !output.is_array()) {
      throw_invalid_type(param + ".output", "a string or an array", output);
    }
    return Json{{"type", type}, {"call_id", call_id}, {"output", output}, {"status", "completed"}};
  }
  if (type == "function_call") {
    reader.allow_only({"type", "call_id", "name", "arguments", "id", "status"});
    return Json{{"type", type},
                {"call_id", reader.required_string("call_id")},
                {"name", reader.required_string("name")},
                {"arguments", reader.required_string("arguments")},
                {"status", "completed"}};
  }
  if (type == "item_reference") {
    reader.allow_only({"type", "id"});
    return Json{{"type", type}, {"id", reader.required_string("id")}};
  }
  if (std::find(k_item_types.begin(), k_item_types.end(), type) == k_item_types.end()) {
    throw_invalid_value(param + ".type", type, k_item_types);
  }
  // Output items handed back as input (code interpreter calls, reasoning, compaction):
  // the model reads them; the mock keeps them as sent.
  reader.required_string("id");
  return item;
}

Json parse_item_array(const Json& items, const std::string& param) {
  Json out = Json::array();
  for (std::size_t i = 0; i < items.size(); ++i) out.push_back(parse_item(items[i], at(param, i)));
  return out;
}

const char* id_prefix(const Json& item) {
  const std::string type = item.value("type", "");
  if (type == "function_call") return "fc_";
  if (type == "function_call_output") return "fco_";
  if (type == "code_interpreter_call") return "ci_";
  if (type == "file_search_call") return "fs_";
  if (type == "reasoning") return "rs_";
  if (type == "compaction") return "cmp_";
  return "msg_";
}
}  // namespace

Json parse_input(const Json& input, const std::string& param) {
  if (input.is_string()) {  // one user message: nothing in it to check
    Json parts = Json::array();
    parts.push_back(text_part("user", input.get<std::string>()));
    Json items = Json::array();
    items.push_back(message_item("user", std::move(parts)));
    return items;
  }
  if (!input.is_array()) throw_invalid_type(param, "a string or an array", input);
  return parse_item_array(input, param);
}

Json parse_items(const Json& items, const std::string& param) {
  if (!items.is_array()) throw_invalid_type(param, "an array", items);
  core::check_array_length(param, items, k_max_conversation_items);
  return parse_item_array(items, param);
}

void assign_ids(Json& items, core::IdGenerator& ids) {
  for (Json& item : items) {
    if (!item.contains("id")) item["id"] = ids.next(id_prefix(item));
  }
}

std::string item_text(const Json& item) {
  std::string text;
  if (item.value("type", "") != "message" || !item.contains("content")) return text;
  for (const Json& part : item["content"]) {
    if (part.contains("text") && part["text"].is_string()) text += part["text"].get<std::string>();
  }
  return text;
}

std::string readable_text(const Json& item) {
  const std::string type = item.value("type", "");
  if (type == "message") return item_text(item);
  if (type == "function_call") return item.value("name", "") + item.value("arguments", "");
  if (type == "function_call_output") {
    const Json& output = item["output"];
    return output.is_string() ? output.get<std::string>() : output.dump();
  }
  // Output items handed back are kept as sent: read only what is there.
  if (type == "code_interpreter_call") return item.value("code", Json(nullptr)).is_string() ? item["code"].get<std::string>() : "";
  return "";
}

}  // namespace mock::responses
