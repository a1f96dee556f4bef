#include "mock/assistants/model/message_content.hpp"

#include <utility>

namespace mock::assistants {
namespace {
const char* image_key(ContentPart::Kind kind) {
  return kind == ContentPart::Kind::image_file ? "image_file" : "image_url";
}
const char* image_value_key(ContentPart::Kind kind) {
  return kind == ContentPart::Kind::image_file ? "file_id" : "url";
}
}  // namespace

ContentPart text_part(std::string text, Json annotations) {
  ContentPart part;
  part.kind = ContentPart::Kind::text;
  part.value = std::move(text);
  if (!annotations.is_array() || !annotations.empty()) part.annotations = std::move(annotations);
  return part;
}

ContentPart image_part(ContentPart::Kind kind, std::string value, std::string detail) {
  ContentPart part;
  part.kind = kind;
  part.value = std::move(value);
  part.detail = std::move(detail);
  return part;
}

Json content_json(const std::vector<ContentPart>& parts) {
  Json out = Json::array();
  for (const ContentPart& part : parts) {
    Json body = Json::object();
    Json shown = Json::object();
    if (part.kind == ContentPart::Kind::text) {
      body["value"] = part.value;
      body["annotations"] = part.annotations.is_null() ? Json::array() : part.annotations;
      shown["type"] = "text";
      shown["text"] = std::move(body);
    } else {
      body[image_value_key(part.kind)] = part.value;
      body["detail"] = part.detail;
      shown["type"] = image_key(part.kind);
      shown[image_key(part.kind)] = std::move(body);
    }
    out.push_back(std::move(shown));
  }
  return out;
}

std::vector<ContentPart> content_parts(Json parts) {
  std::vector<ContentPart> out;
  out.reserve(parts.size());
  for (Json& part : parts) {
    const std::string type = part.value("type", "");
    if (type == "text") {
      Json& text = part["text"];
      out.push_back(text_part(std::move(text["value"].get_ref<std::string&>()),
                              std::move(text["annotations"])));
      continue;
    }
    const auto kind =
        type == "image_file" ? ContentPart::Kind::image_file : ContentPart::Kind::image_url;
    Json& body = part[image_key(kind)];
    out.push_back(image_part(kind, std::move(body[image_value_key(kind)].get_ref<std::string&>()),
                             body.value("detail", "auto")));
  }
  return out;
}

std::string joined_text(const std::vector<ContentPart>& parts) {
  std::string text;
  for (const ContentPart& part : parts) {
    if (part.kind != ContentPart::Kind::text) continue;
    if (!text.empty()) text += "\n";
    text += part.value;
  }
  return text;
}

}  // namespace mock::assistants
