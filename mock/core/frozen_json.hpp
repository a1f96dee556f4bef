#pragma once
// A JSON value that no longer changes, kept as its bytes. A stored response's echoed request
// fields and its items are written once, sent often and read into rarely (a chain, a
// conversation, a stream); as a Json tree each would cost about four times its bytes in
// dozens of allocations, the bulk of what a long-running server grows by per response.
#include <string>
#include <string_view>
#include <utility>

#include "http/json.hpp"
#include "mock/core/text_sink.hpp"

namespace mock::core {

class FrozenJson {
public:
  FrozenJson() = default;  // null
  explicit FrozenJson(const Json& value) : FrozenJson(from_text(TextSink::text_of(value))) {}
  // Bytes that are already one JSON value, as to_wire_text writes them. Room a writer left
  // in the string goes: it would stay allocated as long as the value.
  static FrozenJson from_text(std::string text) {
    FrozenJson frozen;
    frozen.m_text = std::move(text);
    if (frozen.m_text.capacity() - frozen.m_text.size() > 64) frozen.m_text.shrink_to_fit();
    return frozen;
  }

  static FrozenJson empty_array() { return from_text("[]"); }
  static FrozenJson empty_object() { return from_text("{}"); }

  // The bytes on the wire.
  const std::string& text() const { return m_text; }
  // The value read back, for code that looks inside it.
  Json value() const { return Json::parse(m_text); }

  // The members of an object, or the elements of an array, without the brackets around
  // them: empty for {} and [].
  std::string_view inner_text() const {
    const std::string_view text(m_text);
    return text.size() < 2 ? std::string_view() : text.substr(1, text.size() - 2);
  }

private:
  std::string m_text = "null";
};

}  // namespace mock::core
