#include "mock/assistants/model/message_content.hpp"

#include <array>
#include <stdexcept>
#include <utility>

namespace mock::assistants {
namespace {
const char* image_key(ContentPart::Kind kind) {
  return kind == ContentPart::Kind::image_file ? "image_file" : "image_url";
}
const char* image_value_key(ContentPart::Kind kind) {
  return kind == ContentPart::Kind::image_file ? "file_id" : "url";
}
// Every Detail, in the order the API documents them.
constexpr std::array k_details{ContentPart::Detail::automatic, ContentPart::Detail::low,
                               ContentPart::Detail::high};
}  // namespace

ContentPart text_part(std::string text, Json annotations) {
  ContentPart part;
  part.kind = ContentPart::Kind::text;
  part.value = std::move(text);
  if (!annotations.is_array() || !annotations.empty()) part.annotations = std::move(annotations);
  return part;
}

ContentPart image_part(ContentPart::Kind kind, std::string value, ContentPart::Detail detail) {
  ContentPart part;
  part.kind = kind;
  part.detail = detail;
  part.value = std::move(value);
  return part;
}

std::string_view to_string(ContentPart::Detail detail) {
  switch (detail) {
    case ContentPart::Detail::automatic: return "auto";
    case ContentPart::Detail::low: return "low";
    case ContentPart::Detail::high: return "high";
  }
  return "auto";
}

std::optional<ContentPart::Detail> parse_image_detail(std::string_view text) {
  for (const ContentPart::Detail detail : k_details) {
    if (to_string(detail) == text) return detail;
  }
  return std::nullopt;
}

const std::vector<std::string>& image_detail_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const ContentPart::Detail detail : k_details) out.emplace_back(to_string(detail));
    return out;
  }();
  return names;
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
      body["detail"] = to_string(part.detail);
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
    // parse_create_message let only the three details through, and always sets one.
    const auto detail = parse_image_detail(body.at("detail").get_ref<const std::string&>());
    if (!detail) throw std::invalid_argument("content_parts: not a normalised image detail");
    out.push_back(image_part(kind, std::move(body[image_value_key(kind)].get_ref<std::string&>()),
                             *detail));
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
