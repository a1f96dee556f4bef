#pragma once
// Writes an object's wire bytes straight into the text a client receives, byte for byte as
// to_wire_text(Json) prints the same value, without building the JSON tree and dumping it
// (tests/unit/core/text_sink_test.cpp and the assistants' wire_sinks_test check the bytes).
// Keys are the wire shapes' own names, plain ASCII.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "http/json.hpp"

namespace mock::core {

class TextSink {
public:
  // The default room fits an assistants message or run: no regrowth while writing.
  explicit TextSink(std::size_t capacity = 512) {
    m_out.reserve(capacity);
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
  // The members of another object, given as their JSON text without the braces.
  void members(std::string_view members_text) {
    if (members_text.empty()) return;
    if (m_out.size() > 1) m_out.push_back(',');
    m_out += members_text;
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

  // to_wire_text(value): the same bytes, written by this writer.
  static std::string text_of(const Json& value) {
    TextSink sink(64);
    sink.m_out.clear();
    sink.append_json(value);
    return std::move(sink.m_out);
  }

protected:
  // Keys are the wire shape's own names, plain ASCII that needs no escaping.
  void key_of(const char* key) {
    if (m_out.size() > 1) m_out.push_back(',');
    m_out.push_back('"');
    m_out.append(key);
    m_out.append("\":");
  }

  // Any JSON value, recursively. nlohmann's serializer sets up a stream adapter and a
  // buffer per call, most of what writing a small value cost; strings past ASCII and long
  // doubles still go through it (append_string, append_double).
  void append_json(const Json& value) {
    switch (value.type()) {
      case Json::value_t::null: m_out += "null"; return;
      case Json::value_t::boolean: m_out += value.get<bool>() ? "true" : "false"; return;
      case Json::value_t::string: append_string(value.get_ref<const std::string&>()); return;
      case Json::value_t::number_integer: m_out += std::to_string(value.get<std::int64_t>()); return;
      case Json::value_t::number_unsigned: m_out += std::to_string(value.get<std::uint64_t>()); return;
      case Json::value_t::number_float: append_double(value.get<double>()); return;
      case Json::value_t::object: {
        m_out.push_back('{');
        bool first = true;
        for (const auto& [key, member] : value.items()) {
          if (!first) m_out.push_back(',');
          first = false;
          append_string(key);
          m_out.push_back(':');
          append_json(member);
        }
        m_out.push_back('}');
        return;
      }
      case Json::value_t::array: {
        m_out.push_back('[');
        for (std::size_t i = 0; i < value.size(); ++i) {
          if (i != 0) m_out.push_back(',');
          append_json(value[i]);
        }
        m_out.push_back(']');
        return;
      }
      default: m_out += to_wire_text(value); return;  // binary, discarded: never on the wire
    }
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

}  // namespace mock::core
