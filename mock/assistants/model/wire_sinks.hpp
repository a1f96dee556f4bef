#pragma once
// Two ways to write one wire shape: as a JSON value (JsonSink) or straight into the bytes
// the client receives (TextSink, no JSON tree built and dumped). A shape written once as a
// template over the sink (wire.cpp) comes out the same both ways, byte for byte as
// to_wire_text(Json) would print it; wire_sinks_test checks that.
#include <charconv>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/json.hpp"
#include "mock/assistants/model/message_content.hpp"
#include "mock/assistants/model/objects.hpp"

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

class TextSink {
public:
  TextSink() {
    m_out.reserve(512);  // a message or a run fits: no regrowth while writing
    m_out.push_back('{');
  }
  void field(const char* key, std::string_view value) {
    key_of(key);
    append_string(value);
  }
  void field(const char* key, std::int64_t value) {
    key_of(key);
    m_out += std::to_string(value);
  }
  void field(const char* key, double value) {
    key_of(key);
    append_double(value);
  }
  void flag(const char* key, bool value) {
    key_of(key);
    m_out += value ? "true" : "false";
  }
  // A value already written as JSON text.
  void raw_field(const char* key, std::string_view json_text) {
    key_of(key);
    m_out += json_text;
  }
  void json_field(const char* key, const Json& value) {
    key_of(key);
    append_json(value);
  }
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
        m_out += part.annotations.is_null() ? "[]" : to_wire_text(part.annotations);
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
  template <class T>
  void field(const char* key, const std::optional<T>& value) {
    if (value) {
      field(key, *value);
    } else {
      key_of(key);
      m_out += "null";
    }
  }
  std::string take() {
    m_out.push_back('}');
    return std::move(m_out);
  }

private:
  // Keys are the wire shape's own names, plain ASCII that needs no escaping.
  void key_of(const char* key) {
    if (m_out.size() > 1) m_out.push_back(',');
    m_out.push_back('"');
    m_out.append(key);
    m_out.append("\":");
  }

  // Most values an object carries are null, empty, or a scalar; dumping those through
  // nlohmann sets up a serializer each time, a tenth of what writing a message cost.
  void append_json(const Json& value) {
    switch (value.type()) {
      case Json::value_t::null: m_out += "null"; return;
      case Json::value_t::boolean: m_out += value.get<bool>() ? "true" : "false"; return;
      case Json::value_t::string: append_string(value.get_ref<const std::string&>()); return;
      case Json::value_t::number_integer: m_out += std::to_string(value.get<std::int64_t>()); return;
      case Json::value_t::number_unsigned: m_out += std::to_string(value.get<std::uint64_t>()); return;
      case Json::value_t::number_float: append_double(value.get<double>()); return;
      case Json::value_t::array:
      case Json::value_t::object:
        if (value.empty()) {
          m_out += value.is_array() ? "[]" : "{}";
          return;
        }
        break;
      default: break;
    }
    m_out += to_wire_text(value);
  }

  // A double as nlohmann's dump prints it. The values an assistant or a run carries
  // (temperature, top_p) have a short shortest form, which to_chars and nlohmann's grisu2
  // agree on; anything longer, or in exponent form, goes through nlohmann itself.
  void append_double(double value) {
    char buffer[32];
    const auto [end, error] = std::to_chars(std::begin(buffer), std::end(buffer), value);
    const std::string_view text(buffer, error == std::errc() ? static_cast<std::size_t>(end - buffer) : 0);
    const bool plain = !text.empty() && text.size() <= 8 &&
                       text.find_first_not_of("-0123456789.") == std::string_view::npos;
    if (!plain) {
      m_out += to_wire_text(Json(value));
      return;
    }
    m_out += text;
    if (text.find('.') == std::string_view::npos) m_out += ".0";  // 1.0, not 1
  }

  // JSON string escaping as nlohmann's dump does it. Text with bytes past ASCII goes through
  // nlohmann itself, which also replaces invalid UTF-8.
  void append_string(std::string_view text) {
    for (const char c : text) {
      if (static_cast<unsigned char>(c) >= 0x80) {
        m_out += to_wire_text(Json(std::string(text)));
        return;
      }
    }
    static constexpr char k_hex[] = "0123456789abcdef";
    m_out.push_back('"');
    // Runs of characters that need no escape go in with one append each.
    const auto plain = [](char c) { return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20; };
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (plain(c)) continue;
      m_out.append(text.substr(start, i - start));
      start = i + 1;
      switch (c) {
        case '"': m_out += "\\\""; break;
        case '\\': m_out += "\\\\"; break;
        case '\b': m_out += "\\b"; break;
        case '\f': m_out += "\\f"; break;
        case '\n': m_out += "\\n"; break;
        case '\r': m_out += "\\r"; break;
        case '\t': m_out += "\\t"; break;
        default:
          m_out += "\\u00";  // the other control characters
          m_out.push_back(k_hex[(static_cast<unsigned char>(c) >> 4U) & 0xFU]);
          m_out.push_back(k_hex[static_cast<unsigned char>(c) & 0xFU]);
      }
    }
    m_out.append(text.substr(start));
    m_out.push_back('"');
  }

  std::string m_out;
};

}  // namespace mock::assistants
