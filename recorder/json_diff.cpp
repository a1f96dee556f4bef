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

std::optional<std::string> json_difference(const Json& live, const Json& recorded, std::size_t limit) {
  // Iterative, depth first in the recorded order: a miss report must never overflow the stack.
  struct Pending {
    const Json* live;      // null: the key is only in the recorded document
    const Json* recorded;  // null: the key is only in the live document
    std::string pointer;
  };
  std::vector<std::string> found;
  bool more = false;
  const auto note = [&](std::string difference) {
    if (found.size() < limit) {
      found.push_back(std::move(difference));
    } else {
      more = true;
    }
  };
  std::vector<Pending> pending{{&live, &recorded, ""}};
  while (!pending.empty() && !more) {
    Pending item = std::move(pending.back());
    pending.pop_back();
    if (item.live == nullptr) {
      note(at(item.pointer) + ": only in recorded (" + short_json(*item.recorded) + ")");
      continue;
    }
    if (item.recorded == nullptr) {
      note(at(item.pointer) + ": only in live (" + short_json(*item.live) + ")");
      continue;
    }
    const Json& a = *item.live;
    const Json& b = *item.recorded;
    std::vector<Pending> children;
    if (a.is_object() && b.is_object()) {
      for (auto it = b.begin(); it != b.end(); ++it) {
        const auto found_key = a.find(it.key());
        children.push_back({found_key == a.end() ? nullptr : &*found_key, &it.value(),
                            item.pointer + "/" + pointer_token(it.key())});
      }
      for (auto it = a.begin(); it != a.end(); ++it) {
        if (!b.contains(it.key())) children.push_back({&it.value(), nullptr, item.pointer + "/" + pointer_token(it.key())});
      }
    } else if (a.is_array() && b.is_array() && a.size() == b.size()) {
      for (std::size_t i = 0; i < a.size(); ++i) children.push_back({&a[i], &b[i], item.pointer + "/" + std::to_string(i)});
    } else if (a.is_array() && b.is_array()) {
      note(at(item.pointer) + ": live has " + std::to_string(a.size()) + " items, recorded " + std::to_string(b.size()));
    } else if (a != b) {
      note(at(item.pointer) + ": live " + short_json(a) + ", recorded " + short_json(b));
    }
    for (auto child = children.rbegin(); child != children.rend(); ++child) pending.push_back(std::move(*child));
  }
  if (found.empty()) return std::nullopt;
  std::string out;
  for (const std::string& difference : found) out += (out.empty() ? "" : "; ") + difference;
  return more ? out + "; ..." : out;
}

}  // namespace recorder
