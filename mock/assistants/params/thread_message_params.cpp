#include "mock/assistants/model/message_content.hpp"
#include "mock/assistants/params/request_params.hpp"
#include "mock/assistants/params/shared_params.hpp"
#include "mock/core/field_reader.hpp"

namespace mock::assistants {
namespace {
std::string join(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

std::string item_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// Built key by key: nlohmann's nested initializer lists copy every level once more, and
// this runs for every message a client posts.
Json normalised_text_part(std::string text) {
  Json body = Json::object();
  body["value"] = std::move(text);
  body["annotations"] = Json::array();
  Json part = Json::object();
  part["type"] = "text";
  part["text"] = std::move(body);
  return part;
}

Json one_part(Json part) {
  Json parts = Json::array();
  parts.push_back(std::move(part));
  return parts;
}

// content is a string or a non-empty array of text / image_file / image_url parts; it is
// stored as the parts the message object shows.
Json parse_content(const Json& value, const std::string& path) {
  if (value.is_string()) return one_part(normalised_text_part(value.get<std::string>()));
  if (!value.is_array())
    core::throw_invalid_type(path, "a string or an array of content parts", value);
  core::check_array_length(path, value, std::nullopt, 1);
  Json parts = Json::array();
  for (std::size_t i = 0; i < value.size(); ++i) {
    core::FieldReader reader(value[i], item_path(path, i));
    const auto type = reader.enum_string("type", {"text", "image_file", "image_url"}, false);
    if (!type) core::throw_missing(reader.path_of("type"));
    const std::string kind = type->get<std::string>();
    if (kind == "text") {
      reader.allow_only({"type", "text"});
      parts.push_back(normalised_text_part(reader.required_string("text")));
      continue;
    }
    if (kind == "image_file") {
      reader.allow_only({"type", "image_file"});
    } else {
      reader.allow_only({"type", "image_url"});
    }
    const auto image = reader.object(kind, false);
    if (!image) core::throw_missing(reader.path_of(kind));
    core::FieldReader image_reader(*image, reader.path_of(kind));
    Json stored = Json::object();
    if (kind == "image_file") {
      image_reader.allow_only({"file_id", "detail"});
      const std::string file_id = image_reader.required_string("file_id");
      core::check_id_prefix(image_reader.path_of("file_id"), file_id, "file-");
      stored["file_id"] = file_id;
    } else {
      image_reader.allow_only({"url", "detail"});
      stored["url"] = image_reader.required_string("url", std::nullopt, 1);
    }
    const auto detail = image_reader.enum_string("detail", image_detail_names(), false);
    stored["detail"] = detail ? *detail : Json(to_string(ContentPart::Detail::automatic));
    parts.push_back(Json{{"type", kind}, {kind, stored}});
  }
  return parts;
}

Json parse_attachments(const Json& value, const std::string& path) {
  if (value.is_null()) return Json::array();
  if (!value.is_array()) core::throw_invalid_type(path, "an array", value);
  Json out = Json::array();
  for (std::size_t i = 0; i < value.size(); ++i) {
    core::FieldReader reader(value[i], item_path(path, i));
    reader.allow_only({"file_id", "tools"});
    Json attachment = Json::object();
    const std::string file_id = reader.required_string("file_id");
    core::check_id_prefix(reader.path_of("file_id"), file_id, "file-");
    attachment["file_id"] = file_id;
    Json tools = Json::array();
    if (auto given = reader.array("tools", std::nullopt, false)) {
      for (std::size_t t = 0; t < given->size(); ++t) {
        core::FieldReader tool_reader((*given)[t], item_path(reader.path_of("tools"), t));
        tool_reader.allow_only({"type"});
        const auto type =
            tool_reader.enum_string("type", {"code_interpreter", "file_search"}, false);
        if (!type) core::throw_missing(tool_reader.path_of("type"));
        tools.push_back(Json{{"type", *type}});
      }
    }
    attachment["tools"] = tools;
    out.push_back(std::move(attachment));
  }
  return out;
}

// v1 message files become attachments, the form v2 clients see them in.
Json attachments_from_file_ids(const Json& file_ids) {
  Json out = Json::array();
  for (const Json& id : file_ids) {
    out.push_back(Json{{"file_id", id}, {"tools", Json::array({Json{{"type", "file_search"}}})}});
  }
  return out;
}
}  // namespace

Json parse_create_message(const Json& body, const std::string& path, ApiVersion version) {
  core::FieldReader reader(body, path);
  const bool v1 = version == ApiVersion::v1;
  if (v1) {
    reader.allow_only({"role", "content", "file_ids", "metadata"});
  } else {
    reader.allow_only({"role", "content", "attachments", "metadata"});
  }
  Json out = Json::object();
  const auto role = reader.enum_string("role", role_names(), false);
  if (!role) core::throw_missing(reader.path_of("role"));
  out["role"] = *role;
  if (v1) {
    // v1 content is a string of 1..256000 characters.
    out["content"] = one_part(normalised_text_part(reader.required_string("content", 256000, 1)));
    out["attachments"] = reader.has_value("file_ids")
                             ? attachments_from_file_ids(
                                   parse_file_ids(reader.get("file_ids"), reader.path_of("file_ids"), 10))
                             : Json::array();
  } else {
    out["content"] = parse_content(reader.get("content"), reader.path_of("content"));
    out["attachments"] = reader.has("attachments")
                             ? parse_attachments(reader.get("attachments"),
                                                 reader.path_of("attachments"))
                             : Json::array();
  }
  out["metadata"] = reader.has("metadata")
                        ? core::parse_metadata(reader.get("metadata"), reader.path_of("metadata"))
                        : Json::object();
  return out;
}

Json parse_modify_metadata_only(const Json& body) {
  core::FieldReader reader(body, "");
  reader.allow_only({"metadata"});
  Json out = Json::object();
  if (reader.has("metadata")) {
    out["metadata"] = core::parse_metadata(reader.get("metadata"), "metadata");
  }
  return out;
}

Json parse_create_thread(const Json& body, const std::string& path, ApiVersion version) {
  core::FieldReader reader(body, path);
  if (version == ApiVersion::v1) {
    reader.allow_only({"messages", "metadata"});
  } else {
    reader.allow_only({"messages", "tool_resources", "metadata"});
  }
  Json out = Json::object();
  Json messages = Json::array();
  if (auto given = reader.array("messages")) {
    if (!given->is_null()) {
      for (std::size_t i = 0; i < given->size(); ++i) {
        messages.push_back(
            parse_create_message((*given)[i], item_path(reader.path_of("messages"), i), version));
      }
    }
  }
  out["messages"] = messages;
  out["tool_resources"] =
      reader.has("tool_resources")
          ? parse_tool_resources(reader.get("tool_resources"), join(path, "tool_resources"), true)
          : Json::object();
  out["metadata"] = reader.has("metadata")
                        ? core::parse_metadata(reader.get("metadata"), join(path, "metadata"))
                        : Json::object();
  return out;
}

Json parse_modify_thread(const Json& body, ApiVersion version) {
  core::FieldReader reader(body, "");
  if (version == ApiVersion::v1) {
    reader.allow_only({"metadata"});
  } else {
    reader.allow_only({"tool_resources", "metadata"});
  }
  Json out = Json::object();
  if (reader.has("tool_resources")) {
    out["tool_resources"] = parse_tool_resources(reader.get("tool_resources"), "tool_resources", false);
  }
  if (reader.has("metadata")) {
    out["metadata"] = core::parse_metadata(reader.get("metadata"), "metadata");
  }
  return out;
}

}  // namespace mock::assistants
