#include "mock/assistants/params/message_body.hpp"

#include <string>
#include <utility>

#include "http/json_body.hpp"
#include "mock/assistants/model/message_content.hpp"
#include "mock/assistants/params/request_params.hpp"

namespace mock::assistants {
namespace {
// The grammar read_ascii_message recognises: JSON whitespace, punctuation, and strings of
// printable ASCII other than the quote and the backslash.
class AsciiScanner {
public:
  explicit AsciiScanner(std::string_view text) : m_text(text) {}

  bool take(char expected) {
    skip_space();
    if (m_pos == m_text.size() || m_text[m_pos] != expected) return false;
    ++m_pos;
    return true;
  }

  std::optional<std::string_view> string() {
    if (!take('"')) return std::nullopt;
    const std::size_t start = m_pos;
    for (; m_pos < m_text.size(); ++m_pos) {
      const char c = m_text[m_pos];
      if (c == '"') return m_text.substr(start, m_pos++ - start);
      if (c < 0x20 || c > 0x7e || c == '\\') return std::nullopt;
    }
    return std::nullopt;
  }

  bool at_end() {
    skip_space();
    return m_pos == m_text.size();
  }

private:
  void skip_space() {
    while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' ||
                                     m_text[m_pos] == '\n' || m_text[m_pos] == '\r')) {
      ++m_pos;
    }
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
};

// A SAX reader that accepts exactly one object holding "role" ("user" or "assistant") and
// "content" (a string), each once, and stops at anything else.
class PlainMessageReader {
public:
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  bool null() { return false; }
  bool boolean(bool) { return false; }
  bool number_integer(number_integer_t) { return false; }
  bool number_unsigned(number_unsigned_t) { return false; }
  bool number_float(number_float_t, const string_t&) { return false; }
  bool binary(binary_t&) { return false; }
  bool start_array(std::size_t) { return false; }
  bool end_array() { return false; }
  bool start_object(std::size_t) { return m_depth++ == 0; }
  bool end_object() { return m_depth-- == 1; }

  bool key(string_t& key) {
    if (key == "role" && !m_role) {
      m_next = Field::role;
    } else if (key == "content" && !m_text) {
      m_next = Field::content;
    } else {
      return false;
    }
    return true;
  }

  bool string(string_t& value) {
    if (m_depth != 1) return false;  // the body itself is a string
    if (m_next == Field::role) {
      m_role = parse_role(value);
      if (!m_role) return false;
    } else if (m_next == Field::content) {
      m_text = std::move(value);
    } else {
      return false;
    }
    m_next = Field::none;
    return true;
  }

  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception&) {
    return false;
  }

  std::optional<NewMessage> take() {
    if (!m_role || !m_text) return std::nullopt;
    NewMessage message;
    message.role = *m_role;
    message.content.push_back(text_part(std::move(*m_text)));
    return message;
  }

private:
  enum class Field { none, role, content };
  int m_depth = 0;
  Field m_next = Field::none;
  std::optional<Role> m_role;
  std::optional<std::string> m_text;
};
}  // namespace

std::optional<NewMessage> read_ascii_message(std::string_view body) {
  AsciiScanner scanner(body);
  if (!scanner.take('{')) return std::nullopt;
  std::optional<Role> role;
  std::optional<std::string_view> text;
  for (int member = 0; member < 2; ++member) {
    if (member == 1 && !scanner.take(',')) return std::nullopt;
    const auto key = scanner.string();
    if (!key || !scanner.take(':')) return std::nullopt;
    const auto value = scanner.string();
    if (!value) return std::nullopt;
    if (*key == "role" && !role) {
      role = parse_role(*value);
      if (!role) return std::nullopt;
    } else if (*key == "content" && !text) {
      text = value;
    } else {
      return std::nullopt;
    }
  }
  if (!scanner.take('}') || !scanner.at_end()) return std::nullopt;
  NewMessage message;
  message.role = *role;
  message.content.push_back(text_part(std::string(*text)));
  return message;
}

std::optional<NewMessage> read_plain_message(std::string_view body) {
  PlainMessageReader reader;
  if (!Json::sax_parse(body, &reader)) return std::nullopt;
  return reader.take();
}

NewMessage new_message_from_fields(Json fields) {
  NewMessage message;
  // parse_create_message let only "user" and "assistant" through.
  message.role = parse_role(fields.at("role").get_ref<const std::string&>()).value();
  message.content = content_parts(std::move(fields.at("content")));
  Json& attachments = fields.at("attachments");
  if (!attachments.empty()) message.attachments = std::move(attachments);
  Json& metadata = fields.at("metadata");
  if (!metadata.empty()) message.metadata = std::move(metadata);
  return message;
}

NewMessage read_create_message(std::string_view body, ApiVersion version) {
  if (version == ApiVersion::v2) {
    if (auto ascii = read_ascii_message(body)) return std::move(*ascii);
    if (auto plain = read_plain_message(body)) return std::move(*plain);
  }
  return new_message_from_fields(
      parse_create_message(http::parse_json_object_body(body), "", version));
}

}  // namespace mock::assistants
