#include "recorder/json_diff.hpp"

#include <utility>
#include <vector>

namespace recorder {
namespace {
using cassettes::Json;

std::string pointer_token(const std::string& key) {  // RFC 6901 escaping
  std::string out;
  for (const char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string at(const std::string& pointer) { return "at " + (pointer.empty() ? std::string("/") : pointer); }
}  // namespace

std::string short_json(const Json& value, std::size_t limit) {
  std::string text = value.dump();  // bodies were depth-checked on the way in
  if (text.size() > limit) text = text.substr(0, limit) + "...";
  return text;
}

std::optional<std::string> json_difference(const Json& live, const Json& recorded) {
  // Iterative: request bodies can be deep, and a miss report must never overflow the stack.
  std::vector<std::pair<std::pair<const Json*, const Json*>, std::string>> pending;
  pending.push_back({{&live, &recorded}, ""});
  while (!pending.empty()) {
    auto [pair, pointer] = std::move(pending.back());
    pending.pop_back();
    const Json& a = *pair.first;
    const Json& b = *pair.second;
    if (a.is_object() && b.is_object()) {
      // Report in the recorded order, so the message follows the cassette a reader has open.
      std::vector<std::pair<std::pair<const Json*, const Json*>, std::string>> children;
      for (auto it = b.begin(); it != b.end(); ++it) {
        const std::string child = pointer + "/" + pointer_token(it.key());
        const auto found = a.find(it.key());
        if (found == a.end()) return at(child) + ": only in recorded (" + short_json(it.value()) + ")";
        children.push_back({{&*found, &it.value()}, child});
      }
      for (auto it = a.begin(); it != a.end(); ++it) {
        if (!b.contains(it.key())) {
          return at(pointer + "/" + pointer_token(it.key())) + ": only in live (" + short_json(it.value()) + ")";
        }
      }
      for (auto child = children.rbegin(); child != children.rend(); ++child) pending.push_back(*child);
      continue;
    }
    if (a.is_array() && b.is_array()) {
      if (a.size() != b.size()) {
        return at(pointer) + ": live has " + std::to_string(a.size()) + " items, recorded " +
               std::to_string(b.size());
      }
      for (std::size_t i = a.size(); i-- > 0;) {
        pending.push_back({{&a[i], &b[i]}, pointer + "/" + std::to_string(i)});
      }
      continue;
    }
    if (a != b) return at(pointer) + ": live " + short_json(a) + ", recorded " + short_json(b);
  }
  return std::nullopt;
}

}  // namespace recorder
