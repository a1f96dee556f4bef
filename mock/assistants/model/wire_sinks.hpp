#pragma once
// Two ways to write one wire shape: as a JSON value (JsonSink) or straight into the bytes
// the client receives (TextSink, core::TextSink with message content, no JSON tree built and
// dumped). A shape written once as a
// template over the sink (wire.cpp) comes out the same both ways, byte for byte as
// to_wire_text(Json) would print it; wire_sinks_test checks that.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/json.hpp"
#include "mock/assistants/model/message_content.hpp"
#include "mock/assistants/model/objects.hpp"
#include "mock/core/text_sink.hpp"

namespace mock::assistants {

class JsonSink {
public:
  void field(const char* key, std::string_view value) { m_out[key] = std::string(value); }
  void field(const char* key, std::int64_t value) { m_out[key] = value; }
  void field(const char* key, double value) { m_out[key] = value; }
  // Not an overload of field(): a string literal would convert to bool before string_view.
  void flag(const char* key, bool value) { m_out[key] = value; }
  void json_field(const char* key, const Json& value) { m_out[key] = value; }
  void content_field(const char* key, const std::vector<ContentPart>& parts) {
    m_out[key] = content_json(parts);
  }
  template <class T>
  void field(const char* key, const std::optional<T>& value) {
    if (value) {
      field(key, *value);
    } else {
      m_out[key] = nullptr;
    }
  }
  Json take() { return std::move(m_out); }

private:
  Json m_out = Json::object();
};

// core::TextSink, and the message content the assistants' shapes carry.
class TextSink : public core::TextSink {
public:
  using core::TextSink::TextSink;

  // content_json(parts) as text, written without building it.
  void content_field(const char* key, const std::vector<ContentPart>& parts) {
    key_of(key);
    m_out.push_back('[');
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const ContentPart& part = parts[i];
      if (i != 0) m_out.push_back(',');
      if (part.kind == ContentPart::Kind::text) {
        m_out += R"({"type":"text","text":{"value":)";
        append_string(part.value);
        m_out += R"(,"annotations":)";
        if (part.annotations.is_null()) {
          m_out += "[]";
        } else {
          append_json(part.annotations);
        }
        m_out += "}}";
        continue;
      }
      const bool file = part.kind == ContentPart::Kind::image_file;
      m_out += file ? R"({"type":"image_file","image_file":{"file_id":)"
                    : R"({"type":"image_url","image_url":{"url":)";
      append_string(part.value);
      m_out += R"(,"detail":)";
      append_string(to_string(part.detail));
      m_out += "}}";
    }
    m_out.push_back(']');
  }
};

}  // namespace mock::assistants
