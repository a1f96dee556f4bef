#include "tests/contracts/support/compact_json.hpp"

#include <algorithm>

namespace contracts::testing {
namespace {
constexpr std::size_t k_width = 110;

std::string one_line(const nlohmann::ordered_json& value) {
  if (value.is_object()) {
    std::string out = "{";
    bool first = true;
    for (const auto& [key, item] : value.items()) {
      out += (first ? "" : ", ") + nlohmann::ordered_json(key).dump() + ": " + one_line(item);
      first = false;
    }
    return out + "}";
  }
  if (value.is_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < value.size(); ++i) out += (i == 0 ? "" : ", ") + one_line(value[i]);
    return out + "]";
  }
  return value.dump();
}

std::string layout(const nlohmann::ordered_json& value, std::size_t indent, std::size_t prefix) {
  const std::string flat = one_line(value);
  if (flat.size() + indent + prefix <= k_width || !value.is_structured() || value.empty()) return flat;
  const std::string pad(indent + 2, ' ');
  std::string out;
  if (value.is_object()) {
    out = "{\n";
    bool first = true;
    for (const auto& [key, item] : value.items()) {
      const std::string name = nlohmann::ordered_json(key).dump() + ": ";
      out += (first ? "" : ",\n") + pad + name + layout(item, indent + 2, name.size());
      first = false;
    }
    return out + "\n" + std::string(indent, ' ') + "}";
  }
  const bool scalars = std::none_of(value.begin(), value.end(), [](const auto& v) { return v.is_structured(); });
  out = "[\n";
  if (scalars) {  // pack scalar lists into full lines
    std::string line;
    for (const auto& item : value) {
      const std::string text = item.dump();
      if (!line.empty() && pad.size() + line.size() + text.size() + 2 > k_width) {
        out += pad + line + ",\n";
        line = text;
      } else {
        line += (line.empty() ? "" : ", ") + text;
      }
    }
    out += pad + line;
  } else {
    for (std::size_t i = 0; i < value.size(); ++i) out += (i == 0 ? "" : ",\n") + pad + layout(value[i], indent + 2, 0);
  }
  return out + "\n" + std::string(indent, ' ') + "]";
}
}  // namespace

std::string compact_json(const nlohmann::ordered_json& value) { return layout(value, 0, 0) + "\n"; }

}  // namespace contracts::testing
