#include "contracts/json_path.hpp"

#include <cctype>

namespace contracts {
namespace {
bool is_identifier(const std::string& key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key.front())) != 0) return false;
  for (char c : key) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') return false;
  }
  return true;
}

std::string render(const std::vector<PathSegment>& segments, bool wildcard_indexes) {
  std::string out = "$";
  for (const PathSegment& segment : segments) {
    if (segment.index) {
      out += wildcard_indexes ? "[*]" : "[" + std::to_string(*segment.index) + "]";
    } else if (is_identifier(segment.key)) {
      out += "." + segment.key;
    } else {
      out += "[" + nlohmann::json(segment.key).dump() + "]";
    }
  }
  return out;
}
}  // namespace

JsonPath JsonPath::child(std::string key) const {
  JsonPath out = *this;
  out.m_segments.push_back({std::move(key), std::nullopt});
  return out;
}

JsonPath JsonPath::element(std::size_t index) const {
  JsonPath out = *this;
  out.m_segments.push_back({std::string(), index});
  return out;
}

std::string JsonPath::to_string() const { return render(m_segments, false); }
std::string JsonPath::to_pattern() const { return render(m_segments, true); }

const nlohmann::json* JsonPath::find_in(const nlohmann::json& document) const {
  const nlohmann::json* node = &document;
  for (const PathSegment& segment : m_segments) {
    if (segment.index) {
      if (!node->is_array() || *segment.index >= node->size()) return nullptr;
      node = &(*node)[*segment.index];
    } else {
      if (!node->is_object()) return nullptr;
      auto found = node->find(segment.key);
      if (found == node->end()) return nullptr;
      node = &*found;
    }
  }
  return node;
}

std::optional<std::string> JsonPath::last_key() const {
  if (m_segments.empty() || m_segments.back().index) return std::nullopt;
  return m_segments.back().key;
}

JsonPath JsonPath::parent() const {
  JsonPath out = *this;
  if (!out.m_segments.empty()) out.m_segments.pop_back();
  return out;
}

bool is_within(const JsonPath& inner, const JsonPath& outer) {
  const auto& a = inner.segments();
  const auto& b = outer.segments();
  if (a.size() < b.size()) return false;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (a[i].index != b[i].index || a[i].key != b[i].key) return false;
  }
  return true;
}

std::string json_type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: return "object";
    case nlohmann::json::value_t::array: return "array";
    case nlohmann::json::value_t::string: return "string";
    case nlohmann::json::value_t::boolean: return "boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return "integer";
    case nlohmann::json::value_t::number_float: return "number";
    case nlohmann::json::value_t::null: return "null";
    default: return "unknown";
  }
}

}  // namespace contracts
