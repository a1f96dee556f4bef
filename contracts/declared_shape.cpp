#include "contracts/declared_shape.hpp"

#include <algorithm>
#include <optional>

namespace contracts {
namespace {

constexpr int k_max_depth = 64;  // $ref cycles end here

const nlohmann::json* resolve_local_ref(const nlohmann::json& root, const std::string& ref) {
  if (ref.empty() || ref.front() != '#') return nullptr;
  try {
    const nlohmann::json::json_pointer pointer(ref.substr(1));
    return root.contains(pointer) ? &root.at(pointer) : nullptr;
  } catch (const nlohmann::json::exception&) {
    return nullptr;
  }
}

bool type_matches(const std::string& type, const nlohmann::json& value) {
  const std::string actual = json_type_name(value);
  return type == actual || (type == "number" && actual == "integer");
}

bool value_listed(const nlohmann::json& condition, const nlohmann::json& value) {
  if (condition.contains("const")) return condition["const"] == value;
  if (condition.contains("enum") && condition["enum"].is_array()) {
    const auto& values = condition["enum"];
    return std::find(values.begin(), values.end(), value) != values.end();
  }
  return true;
}

// Decides the simple `if` forms the schemas use ({"type": T} and discriminators like
// {"properties": {"type": {"const": "x"}}, "required": ["type"]}); nullopt otherwise.
std::optional<bool> decide_if(const nlohmann::json& condition, const nlohmann::json* value) {
  if (value == nullptr || !condition.is_object()) return std::nullopt;
  for (const auto& [key, rule] : condition.items()) {
    if (key == "type") {
      if (rule.is_string() && !type_matches(rule.get<std::string>(), *value)) return false;
      if (rule.is_array() && std::none_of(rule.begin(), rule.end(), [&](const nlohmann::json& t) {
            return t.is_string() && type_matches(t.get<std::string>(), *value);
          })) {
        return false;
      }
    } else if (key == "required") {
      if (!value->is_object()) return std::nullopt;
      for (const auto& name : rule) {
        if (name.is_string() && !value->contains(name.get<std::string>())) return false;
      }
    } else if (key == "properties") {
      if (!value->is_object()) return std::nullopt;
      for (const auto& [name, sub] : rule.items()) {
        if (value->contains(name) && !value_listed(sub, (*value)[name])) return false;
      }
    } else {
      return std::nullopt;
    }
  }
  return true;
}

// Every schema object that applies to `value` at this place: the node itself and what its
// $ref, allOf, anyOf/oneOf branches and the chosen if/then/else arm bring in.
void expand(const nlohmann::json& root, const nlohmann::json& node, const nlohmann::json* value, int depth,
            std::vector<const nlohmann::json*>& out) {
  if (depth > k_max_depth || !node.is_object()) return;
  out.push_back(&node);
  if (auto ref = node.find("$ref"); ref != node.end() && ref->is_string()) {
    if (const nlohmann::json* target = resolve_local_ref(root, ref->get<std::string>())) {
      expand(root, *target, value, depth + 1, out);
    }
  }
  for (const char* combinator : {"allOf", "anyOf", "oneOf"}) {
    if (auto members = node.find(combinator); members != node.end() && members->is_array()) {
      for (const auto& member : *members) expand(root, member, value, depth + 1, out);
    }
  }
  if (auto condition = node.find("if"); condition != node.end()) {
    const std::optional<bool> holds = decide_if(*condition, value);
    if (holds.value_or(true) && node.contains("then")) expand(root, node["then"], value, depth + 1, out);
    if (!holds.value_or(false) && node.contains("else")) expand(root, node["else"], value, depth + 1, out);
  }
}

std::vector<const nlohmann::json*> step(const std::vector<const nlohmann::json*>& nodes,
                                        const PathSegment& segment) {
  std::vector<const nlohmann::json*> next;
  for (const nlohmann::json* node : nodes) {
    if (segment.index) {
      auto items = node->find("items");
      if (items == node->end()) continue;
      if (items->is_object()) next.push_back(&*items);
      if (items->is_array() && *segment.index < items->size()) next.push_back(&(*items)[*segment.index]);
    } else {
      auto properties = node->find("properties");
      if (properties != node->end() && properties->is_object() && properties->contains(segment.key)) {
        next.push_back(&(*properties)[segment.key]);
        continue;
      }
      auto additional = node->find("additionalProperties");
      if (additional != node->end() && additional->is_object()) next.push_back(&*additional);
    }
  }
  return next;
}

void add_unique(std::vector<std::string>& list, const std::string& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

}  // namespace

DeclaredShape declared_shape(const nlohmann::json& schema, const nlohmann::json& instance,
                             const JsonPath& path) {
  std::vector<const nlohmann::json*> nodes;
  expand(schema, schema, &instance, 0, nodes);
  JsonPath walked;
  for (const PathSegment& segment : path.segments()) {
    walked = segment.index ? walked.element(*segment.index) : walked.child(segment.key);
    const std::vector<const nlohmann::json*> direct = step(nodes, segment);
    nodes.clear();
    const nlohmann::json* value = walked.find_in(instance);
    for (const nlohmann::json* node : direct) expand(schema, *node, value, 0, nodes);
    if (nodes.empty()) return {};
  }
  DeclaredShape shape;
  shape.declared = true;
  for (const nlohmann::json* node : nodes) {
    if (auto type = node->find("type"); type != node->end()) {
      if (type->is_string()) add_unique(shape.types, type->get<std::string>());
      if (type->is_array()) {
        for (const auto& t : *type) {
          if (t.is_string()) add_unique(shape.types, t.get<std::string>());
        }
      }
    }
    if (auto only = node->find("const"); only != node->end()) shape.values.push_back(*only);
    if (auto listed = node->find("enum"); listed != node->end() && listed->is_array()) {
      for (const auto& v : *listed) {
        if (std::find(shape.values.begin(), shape.values.end(), v) == shape.values.end()) {
          shape.values.push_back(v);
        }
      }
    }
  }
  if (shape.types.empty()) {  // an enumeration without "type": its values say it
    for (const auto& v : shape.values) add_unique(shape.types, json_type_name(v));
  }
  return shape;
}

std::string describe_types(const DeclaredShape& shape) {
  if (shape.types.empty()) return "any";
  std::string out;
  for (const std::string& type : shape.types) out += (out.empty() ? "" : "|") + type;
  return out;
}

std::string describe_values(const DeclaredShape& shape) {
  if (shape.values.empty()) return {};
  std::string out = "one of ";
  for (std::size_t i = 0; i < shape.values.size(); ++i) {
    const nlohmann::json& v = shape.values[i];
    out += (i == 0 ? "" : ", ") + (v.is_string() ? v.get<std::string>() : v.dump());
  }
  return out;
}

}  // namespace contracts
