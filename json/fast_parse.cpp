// Built with -O2 in every build type (json/CMakeLists.txt).
#include "json/fast_parse.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "json/utf8.hpp"

namespace json_parse {
namespace {

constexpr std::size_t k_max_keys_per_object = 256;

class FastParser {
public:
  FastParser(std::string_view text, std::size_t max_depth)
      : m_at(text.data()), m_end(text.data() + text.size()), m_max_depth(max_depth) {}
  // The stacks are kept per thread, emptied but not freed: a request body parses without
  // allocating them again. (A failed parse leaves values in m_members.)
  ~FastParser() {
    m_stack.clear();
    m_members.clear();
  }
  FastParser(const FastParser&) = delete;
  FastParser& operator=(const FastParser&) = delete;

  std::optional<Json> parse() {
    Json root;
    if (!document(root)) return std::nullopt;
    return root;
  }

private:
  static constexpr std::size_t k_not_a_member = static_cast<std::size_t>(-1);

  // An open container: in m_members (by index, since that vector moves as it grows) or
  // elsewhere (the root, an element of an array, which stays put while it is open).
  struct Frame {
    Json* container;
    std::size_t member;
    bool object;
    std::size_t first_member;  // objects: where their members start in m_members
  };

  Json& container_of(const Frame& frame) {
    return frame.member == k_not_a_member ? *frame.container : m_members[frame.member].second;
  }

  void skip_space() {
    while (m_at < m_end && (*m_at == ' ' || *m_at == '\n' || *m_at == '\r' || *m_at == '\t')) ++m_at;
  }

  bool literal(std::string_view word) {
    if (static_cast<std::size_t>(m_end - m_at) < word.size() || std::string_view(m_at, word.size()) != word) return false;
    m_at += word.size();
    return true;
  }

  static void append_utf8(std::uint32_t code, std::string& out) {
    if (code < 0x80U) {
      out += static_cast<char>(code);
    } else if (code < 0x800U) {
      out += static_cast<char>(0xC0U | (code >> 6U));
      out += static_cast<char>(0x80U | (code & 0x3FU));
    } else if (code < 0x10000U) {
      out += static_cast<char>(0xE0U | (code >> 12U));
      out += static_cast<char>(0x80U | ((code >> 6U) & 0x3FU));
      out += static_cast<char>(0x80U | (code & 0x3FU));
    } else {
      out += static_cast<char>(0xF0U | (code >> 18U));
      out += static_cast<char>(0x80U | ((code >> 12U) & 0x3FU));
      out += static_cast<char>(0x80U | ((code >> 6U) & 0x3FU));
      out += static_cast<char>(0x80U | (code & 0x3FU));
    }
  }

  bool hex4(std::uint32_t& code) {
    if (m_end - m_at < 4) return false;
    code = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = *m_at++;
      code <<= 4U;
      if (c >= '0' && c <= '9') {
        code |= static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        code |= static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        code |= static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return true;
  }

  // After the opening quote; leaves m_at after the closing one.
  bool string(std::string& out) {
    bool high_bytes = false;
    for (;;) {
      const char* run = m_at;
      while (m_at < m_end) {
        const auto c = static_cast<unsigned char>(*m_at);
        if (c == '"' || c == '\\' || c < 0x20U) break;
        high_bytes = high_bytes || c >= 0x80U;
        ++m_at;
      }
      out.append(run, static_cast<std::size_t>(m_at - run));
      if (m_at >= m_end || static_cast<unsigned char>(*m_at) < 0x20U) return false;
      if (*m_at++ == '"') break;
      if (m_at >= m_end) return false;
      const char escape = *m_at++;
      switch (escape) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t code = 0;
          if (!hex4(code)) return false;
          if (code >= 0xDC00U && code <= 0xDFFFU) return false;  // a low surrogate alone
          if (code >= 0xD800U && code <= 0xDBFFU) {
            std::uint32_t low = 0;
            if (m_end - m_at < 2 || m_at[0] != '\\' || m_at[1] != 'u') return false;
            m_at += 2;
            if (!hex4(low) || low < 0xDC00U || low > 0xDFFFU) return false;
            code = 0x10000U + ((code - 0xD800U) << 10U) + (low - 0xDC00U);
          }
          append_utf8(code, out);
          break;
        }
        default:
          return false;
      }
    }
    return !high_bytes || is_valid_utf8(out);
  }

  bool number(Json& target) {
    const char* start = m_at;
    if (m_at < m_end && *m_at == '-') ++m_at;
    if (m_at >= m_end) return false;
    if (*m_at == '0') {
      ++m_at;
    } else if (*m_at >= '1' && *m_at <= '9') {
      while (m_at < m_end && *m_at >= '0' && *m_at <= '9') ++m_at;
    } else {
      return false;
    }
    bool integral = true;
    if (m_at < m_end && *m_at == '.') {
      integral = false;
      ++m_at;
      const char* digits = m_at;
      while (m_at < m_end && *m_at >= '0' && *m_at <= '9') ++m_at;
      if (m_at == digits) return false;
    }
    if (m_at < m_end && (*m_at == 'e' || *m_at == 'E')) {
      integral = false;
      ++m_at;
      if (m_at < m_end && (*m_at == '+' || *m_at == '-')) ++m_at;
      const char* digits = m_at;
      while (m_at < m_end && *m_at >= '0' && *m_at <= '9') ++m_at;
      if (m_at == digits) return false;
    }
    // nlohmann: integers as unsigned, or as signed when negative, floats through strtod.
    // Anything out of range goes to nlohmann, which knows what it does with it.
    if (integral && *start == '-') {
      std::int64_t value = 0;
      const auto [end, error] = std::from_chars(start, m_at, value);
      if (error != std::errc() || end != m_at) return false;
      target = static_cast<Json::number_integer_t>(value);
    } else if (integral) {
      std::uint64_t value = 0;
      const auto [end, error] = std::from_chars(start, m_at, value);
      if (error != std::errc() || end != m_at) return false;
      target = static_cast<Json::number_unsigned_t>(value);
    } else {
      double value = 0;
      const auto [end, error] = std::from_chars(start, m_at, value);
      if (error != std::errc() || end != m_at || !std::isfinite(value)) return false;
      target = value;
    }
    return true;
  }

  // One value into `target`, which is m_members[member] unless that is k_not_a_member; a
  // container is opened (pushed) and filled by document().
  bool value(Json& target, std::size_t member = k_not_a_member) {
    if (m_at >= m_end) return false;
    switch (*m_at) {
      case '{':
        ++m_at;
        target = Json::object();
        m_stack.push_back({&target, member, true, m_members.size()});
        return m_stack.size() <= m_max_depth;
      case '[':
        ++m_at;
        target = Json::array();
        m_stack.push_back({&target, member, false, 0});
        return m_stack.size() <= m_max_depth;
      case '"': {
        ++m_at;
        std::string text;
        if (!string(text)) return false;
        target = std::move(text);
        return true;
      }
      case 't':
        target = true;
        return literal("true");
      case 'f':
        target = false;
        return literal("false");
      case 'n':
        target = nullptr;
        return literal("null");
      default:
        return number(target);
    }
  }

  // The next member of the open object, or its end. `first`: right after '{'.
  bool next_in_object(Frame frame, bool first) {
    skip_space();
    if (m_at >= m_end) return false;
    if (*m_at == '}') {
      ++m_at;
      close_object(frame);
      m_stack.pop_back();
      return true;
    }
    if (!first) {
      if (*m_at != ',') return false;
      ++m_at;
      skip_space();
    }
    if (m_at >= m_end || *m_at != '"') return false;
    ++m_at;
    m_key.clear();
    if (!string(m_key)) return false;
    skip_space();
    if (m_at >= m_end || *m_at != ':') return false;
    ++m_at;
    skip_space();
    // A repeated key keeps its first place and takes the last value, as nlohmann's parser
    // does. It is found by a linear search, so a large object goes to the caller's parser,
    // which indexes keys: 100,000 keys would cost 5e9 comparisons here.
    if (m_members.size() - frame.first_member >= k_max_keys_per_object) return false;
    for (std::size_t i = frame.first_member; i < m_members.size(); ++i) {
      if (m_members[i].first == m_key) return value(m_members[i].second, i);
    }
    m_members.emplace_back(std::move(m_key), Json());
    return value(m_members.back().second, m_members.size() - 1);
  }

  // Moves the members gathered for `frame` into its object, in one allocation. Built in
  // place, ordered_json's vector of pair<const string, json> would copy every key each time
  // it grows.
  void close_object(const Frame& frame) {
    auto& object = container_of(frame).get_ref<Json::object_t&>();
    object.reserve(m_members.size() - frame.first_member);
    for (std::size_t i = frame.first_member; i < m_members.size(); ++i) {
      object.emplace_back(std::move(m_members[i].first), std::move(m_members[i].second));
    }
    m_members.resize(frame.first_member);
  }

  bool next_in_array(Frame frame, bool first) {
    skip_space();
    if (m_at >= m_end) return false;
    if (*m_at == ']') {
      ++m_at;
      m_stack.pop_back();
      return true;
    }
    if (!first) {
      if (*m_at != ',') return false;
      ++m_at;
      skip_space();
    }
    return value(container_of(frame).emplace_back());
  }

  bool document(Json& root) {
    skip_space();
    if (!value(root)) return false;
    // `fresh`: the top container was just opened and has no member yet.
    bool fresh = !m_stack.empty();
    while (!m_stack.empty()) {
      const Frame frame = m_stack.back();
      const std::size_t depth = m_stack.size();
      const bool ok = frame.object ? next_in_object(frame, fresh) : next_in_array(frame, fresh);
      if (!ok) return false;
      fresh = m_stack.size() > depth;  // a member opened a container of its own
    }
    skip_space();
    return m_at == m_end;
  }

  const char* m_at;
  const char* m_end;
  std::size_t m_max_depth;
  static thread_local std::vector<Frame> m_stack;
  // The members of every open object, innermost last.
  static thread_local std::vector<std::pair<std::string, Json>> m_members;
  std::string m_key;
};

thread_local std::vector<FastParser::Frame> FastParser::m_stack;
thread_local std::vector<std::pair<std::string, Json>> FastParser::m_members;

}  // namespace

std::optional<Json> parse_fast(std::string_view text, std::size_t max_depth) {
  return FastParser(text, max_depth).parse();
}

}  // namespace json_parse
