#include "recorder/json_path.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace recorder {
namespace {
using cassettes::Json;

bool is_index(const std::string& segment) {
  return !segment.empty() && segment.size() < 10 &&
         std::all_of(segment.begin(), segment.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}
}  // namespace

tl::expected<JsonPath, std::string> JsonPath::parse(std::string_view text) {
  const auto invalid = [&](const std::string& why) {
    return tl::unexpected("invalid JSON path '" + std::string(text) + "': " + why +
                          " (write keys separated by dots, `*` for any key or item, e.g. "
                          "metadata.user_email or data.*.metadata.token)");
  };
  std::string normal(text);
  if (normal.starts_with("$.")) normal.erase(0, 2);
  // a[*].b and a[0].b are the same as a.*.b and a.0.b
  std::string flat;
  for (std::size_t i = 0; i < normal.size(); ++i) {
    if (normal[i] == '[') {
      const std::size_t close = normal.find(']', i);
      if (close == std::string::npos) return invalid("'[' without ']'");
      flat += '.';
      flat += normal.substr(i + 1, close - i - 1);
      i = close;
    } else {
      flat += normal[i];
    }
  }
  JsonPath path;
  path.m_text = std::string(text);
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = flat.find('.', start);
    std::string segment = flat.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (segment.empty()) return invalid("an empty key");
    path.m_segments.push_back(std::move(segment));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return path;
}

std::size_t JsonPath::replace_in(Json& document, const Json& replacement) const {
  std::size_t replaced = 0;
  // Breadth by breadth over the segments: `*` can fan out, so keep every node reached.
  std::vector<Json*> reached{&document};
  for (std::size_t depth = 0; depth < m_segments.size(); ++depth) {
    const std::string& segment = m_segments[depth];
    const bool last = depth + 1 == m_segments.size();
    std::vector<Json*> next;
    for (Json* node : reached) {
      std::vector<Json*> children;
      if (segment == "*" && node->is_structured()) {
        for (Json& child : *node) children.push_back(&child);
      } else if (node->is_object()) {
        const auto it = node->find(segment);
        if (it != node->end()) children.push_back(&*it);
      } else if (node->is_array() && is_index(segment)) {
        const auto index = static_cast<std::size_t>(std::stoul(segment));
        if (index < node->size()) children.push_back(&(*node)[index]);
      }
      for (Json* child : children) {
        if (last) {
          *child = replacement;
          ++replaced;
        } else {
          next.push_back(child);
        }
      }
    }
    reached = std::move(next);
  }
  return replaced;
}

}  // namespace recorder
