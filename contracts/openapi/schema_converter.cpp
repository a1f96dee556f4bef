#include "contracts/openapi/schema_converter.hpp"

#include <algorithm>
#include <map>
#include <vector>

namespace contracts::openapi {
namespace {

constexpr int k_max_depth = 128;     // inline nesting; components are converted one by one
constexpr int k_max_union_flatten = 4;
constexpr std::string_view k_components = "#/components/schemas/";

// `key: true`. Not value(key, false): that throws when a document says `nullable: "yes"`.
bool is_true(const nlohmann::json& node, const char* key) {
  if (!node.is_object()) return false;
  const auto it = node.find(key);
  return it != node.end() && *it == true;
}

bool is_annotation(const std::string& key) {
  static const std::set<std::string> k_dropped = {
      "description", "title",     "example",   "examples",     "deprecated",       "discriminator",
      "xml",         "externalDocs", "readOnly", "writeOnly",  "format",           "default",
      "$comment",    "contentMediaType", "contentEncoding", "nullable", "$schema", "$id"};
  return key.rfind("x-", 0) == 0 || k_dropped.count(key) != 0;
}

bool has_only_annotations_besides(const nlohmann::json& node, const std::set<std::string>& allowed) {
  return std::all_of(node.items().begin(), node.items().end(), [&](const auto& item) {
    return allowed.count(item.key()) != 0 || is_annotation(item.key());
  });
}

// {type: "null"}: the 3.1 way to say "or null" inside anyOf/oneOf.
bool is_null_schema(const nlohmann::json& node) {
  return node.is_object() && node.value("type", nlohmann::json()) == "null" &&
         has_only_annotations_besides(node, {"type"});
}

// {nullable: true} alone: the 3.0 way to make an allOf [X, ...] nullable.
bool is_nullable_marker(const nlohmann::json& node) {
  return node.is_object() && is_true(node, "nullable") && has_only_annotations_besides(node, {});
}

void allow_null(nlohmann::json& schema) {
  if (schema.is_boolean()) return;
  if (schema.contains("enum") && schema["enum"].is_array() &&
      std::find(schema["enum"].begin(), schema["enum"].end(), nullptr) == schema["enum"].end()) {
    schema["enum"].push_back(nullptr);
  }
  if (auto type = schema.find("type"); type != schema.end()) {
    if (type->is_string() && *type != "null") *type = nlohmann::json::array({*type, "null"});
    if (type->is_array() && std::find(type->begin(), type->end(), "null") == type->end()) type->push_back("null");
    return;
  }
  if (schema.contains("enum")) return;
  schema = nlohmann::json{{"anyOf", nlohmann::json::array({{{"type", "null"}}, std::move(schema)})}};
}

bool is_union(const nlohmann::json& node) {
  return node.is_object() && (node.contains("anyOf") || node.contains("oneOf")) && !node.contains("properties") &&
         !node.contains("type");
}

std::string json_kind(const nlohmann::json& value) {
  if (value.is_string()) return "string";
  if (value.is_boolean()) return "boolean";
  if (value.is_number_integer()) return "integer";
  if (value.is_number()) return "number";
  if (value.is_object()) return "object";
  if (value.is_array()) return "array";
  return "";
}

// The values a branch's member is pinned to (enum or const), or empty.
std::vector<nlohmann::json> pinned_values(const nlohmann::json& property) {
  if (!property.is_object()) return {};
  if (property.contains("const")) return {property["const"]};
  if (property.contains("enum") && property["enum"].is_array()) {
    return std::vector<nlohmann::json>(property["enum"].begin(), property["enum"].end());
  }
  return {};
}

}  // namespace

const nlohmann::json* SchemaConverter::resolve(const nlohmann::json& node, int depth) const {
  if (depth > k_max_depth || !node.is_object()) return node.is_object() ? nullptr : &node;
  auto ref = node.find("$ref");
  if (ref == node.end() || !ref->is_string()) return &node;
  const std::string& text = ref->get_ref<const std::string&>();
  if (text.empty() || text.front() != '#') return nullptr;
  try {
    const nlohmann::json::json_pointer pointer(text.substr(1));
    if (!m_document.contains(pointer)) return nullptr;
    return resolve(m_document.at(pointer), depth + 1);
  } catch (const nlohmann::json::exception&) {
    return nullptr;
  }
}

std::string SchemaConverter::rewrite_ref(const std::string& ref) {
  if (ref.rfind(k_components, 0) != 0) {
    if (m_error.empty()) m_error = "unsupported $ref '" + ref + "' (only #/components/schemas/... is followed)";
    return ref;
  }
  const std::string rest = ref.substr(k_components.size());
  m_pending.insert(rest.substr(0, rest.find('/')));
  return "#/definitions/" + rest;
}

nlohmann::json SchemaConverter::convert(const nlohmann::json& node, int depth) {
  if (depth > k_max_depth || !node.is_object()) return node.is_object() ? nlohmann::json::object() : node;
  const bool nullable = is_true(node, "nullable");

  if (auto ref = node.find("$ref"); ref != node.end() && ref->is_string()) {
    nlohmann::json out = {{"$ref", rewrite_ref(ref->get<std::string>())}};
    nlohmann::json rest = node;
    rest.erase("$ref");
    if (!has_only_annotations_besides(rest, {})) {  // 3.1 allows keywords beside $ref
      out = {{"allOf", nlohmann::json::array({out, convert(rest, depth + 1)})}};
    }
    if (nullable) allow_null(out);
    return out;
  }
  if (node.contains("allOf")) return convert_all_of(node, depth);

  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : node.items()) {
    if (is_annotation(key) || key == "anyOf" || key == "oneOf") continue;
    if (key == "properties" && value.is_object()) {
      nlohmann::json properties = nlohmann::json::object();
      for (const auto& [name, sub] : value.items()) properties[name] = convert(sub, depth + 1);
      out[key] = std::move(properties);
    } else if (key == "items" || key == "not" || key == "contains" || key == "propertyNames" ||
               (key == "additionalProperties" && value.is_object())) {
      out[key] = convert(value, depth + 1);
    } else if ((key == "exclusiveMinimum" || key == "exclusiveMaximum") && value.is_boolean()) {
      const char* bound = key == "exclusiveMinimum" ? "minimum" : "maximum";
      if (value == true && node.contains(bound)) out[key] = node[bound];
    } else {
      out[key] = value;
    }
  }
  // 3.0 wrote exclusive bounds as booleans next to minimum/maximum; draft 7 wants numbers.
  if (out.contains("exclusiveMinimum")) out.erase("minimum");
  if (out.contains("exclusiveMaximum")) out.erase("maximum");

  const bool has_union = node.contains("anyOf") || node.contains("oneOf");
  if (has_union) {
    nlohmann::json members = node.contains("anyOf") ? node["anyOf"] : node["oneOf"];
    nlohmann::json converted = convert_union(members, depth + 1);
    if (out.empty()) {
      out = std::move(converted);
    } else {
      out["allOf"] = nlohmann::json::array({std::move(converted)});
    }
  }
  if (auto properties = out.find("properties"); properties != out.end() && properties->is_object()) {
    // FACTS §10: list envelopes declare first_id/last_id as strings; empty pages answer null.
    if (properties->contains("first_id") && properties->contains("last_id") && properties->contains("has_more")) {
      allow_null((*properties)["first_id"]);
      allow_null((*properties)["last_id"]);
    }
    if (!has_union && !out.contains("additionalProperties")) {
      out["additionalProperties"] = false;
      if (auto required = out.find("required"); required != out.end() && required->is_array()) {
        nlohmann::json kept = nlohmann::json::array();
        for (const auto& name : *required) {
          if (name.is_string() && properties->contains(name.get<std::string>())) kept.push_back(name);
        }
        *required = std::move(kept);
      }
    }
  }
  if (nullable) allow_null(out);
  return out;
}

nlohmann::json SchemaConverter::convert_all_of(const nlohmann::json& node, int depth) {
  bool nullable = is_true(node, "nullable");
  std::vector<nlohmann::json> members;
  for (const auto& member : node["allOf"]) {
    if (is_nullable_marker(member)) {
      nullable = true;
    } else {
      members.push_back(member);
    }
  }
  nlohmann::json rest = node;
  rest.erase("allOf");
  rest.erase("nullable");
  const bool rest_empty = has_only_annotations_besides(rest, {});

  nlohmann::json out;
  if (members.size() == 1 && rest_empty) {
    out = convert(members.front(), depth + 1);
  } else {
    // Merge plain object members into one object, so that closing it keeps every member's fields.
    nlohmann::json merged = {{"type", "object"}, {"properties", nlohmann::json::object()}};
    std::vector<nlohmann::json> required;
    bool mergeable = true;
    std::vector<nlohmann::json> parts = members;
    if (!rest_empty) parts.push_back(rest);
    for (const auto& part : parts) {
      const nlohmann::json* source = resolve(part, 0);
      if (source == nullptr || !source->is_object() || source->contains("anyOf") || source->contains("oneOf") ||
          source->contains("allOf") || !source->contains("properties")) {
        mergeable = false;
        break;
      }
      for (const auto& [name, sub] : (*source)["properties"].items()) merged["properties"][name] = sub;
      for (const auto& name : source->value("required", nlohmann::json::array())) required.push_back(name);
      if (is_true(*source, "nullable")) nullable = true;
    }
    if (mergeable) {
      merged["required"] = required;
      out = convert(merged, depth + 1);
    } else {
      out = {{"allOf", nlohmann::json::array()}};
      for (const auto& member : members) out["allOf"].push_back(convert(member, depth + 1));
      if (!rest_empty) out["allOf"].push_back(convert(rest, depth + 1));
    }
  }
  if (nullable) allow_null(out);
  return out;
}

nlohmann::json SchemaConverter::convert_union(const nlohmann::json& members, int depth) {
  bool has_null = false;
  std::vector<nlohmann::json> branches;
  // Nested unions (AssistantStreamEvent = oneOf [RunStreamEvent = oneOf [...], ...]) are
  // flattened so their leaves can be told apart by one discriminator.
  auto flatten = [&](auto& self, const nlohmann::json& list, int level) -> void {
    for (const auto& member : list) {
      if (is_null_schema(member) || is_nullable_marker(member)) {
        has_null = true;
        continue;
      }
      const nlohmann::json* source = resolve(member, 0);
      if (source != nullptr && is_union(*source) && level < k_max_union_flatten) {
        if (is_true(*source, "nullable")) has_null = true;
        self(self, source->contains("anyOf") ? (*source)["anyOf"] : (*source)["oneOf"], level + 1);
      } else {
        branches.push_back(member);
      }
    }
  };
  if (members.is_array()) flatten(flatten, members, 0);

  nlohmann::json out;
  if (branches.empty()) return {{"type", "null"}};
  if (branches.size() == 1) {
    out = convert(branches.front(), depth + 1);
    if (has_null) allow_null(out);
    return out;
  }

  // Group the branches by JSON type.
  std::vector<std::string> kinds;
  std::map<std::string, std::vector<const nlohmann::json*>> groups;
  bool known = true;
  for (const auto& branch : branches) {
    const nlohmann::json* source = resolve(branch, 0);
    std::string kind;
    if (source != nullptr && source->is_object()) {
      const auto type = source->value("type", nlohmann::json());
      if (type.is_string()) kind = type.get<std::string>();
      if (kind.empty() && (source->contains("properties") || source->contains("additionalProperties"))) kind = "object";
      if (kind.empty() && !pinned_values(*source).empty()) kind = json_kind(pinned_values(*source).front());
    }
    if (kind.empty() || kind == "null") {
      known = false;
      break;
    }
    if (groups.find(kind) == groups.end()) kinds.push_back(kind);
    groups[kind].push_back(&branch);
  }
  auto any_of = [&](const std::vector<const nlohmann::json*>& list) {
    nlohmann::json converted = {{"anyOf", nlohmann::json::array()}};
    for (const nlohmann::json* branch : list) converted["anyOf"].push_back(convert(*branch, depth + 1));
    return converted;
  };
  if (!known) {
    std::vector<const nlohmann::json*> all;
    for (const auto& branch : branches) all.push_back(&branch);
    out = any_of(all);
    if (has_null) out["anyOf"].push_back({{"type", "null"}});
    return out;
  }

  auto group_schema = [&](const std::string& kind, const std::vector<const nlohmann::json*>& list) {
    if (list.size() == 1) return convert(*list.front(), depth + 1);
    if (kind != "object") return any_of(list);
    // A member every branch pins to values no other branch uses: the discriminator.
    const nlohmann::json first_properties = resolve(*list.front(), 0)->value("properties", nlohmann::json::object());
    for (const auto& [name, unused] : first_properties.items()) {
      std::vector<std::vector<nlohmann::json>> values;
      nlohmann::json all = nlohmann::json::array();
      bool ok = true;
      for (const nlohmann::json* branch : list) {
        const nlohmann::json* source = resolve(*branch, 0);
        const auto properties = source->value("properties", nlohmann::json::object());
        auto pinned = properties.contains(name) ? pinned_values(properties[name]) : std::vector<nlohmann::json>{};
        for (const auto& v : pinned) {
          if (std::find(all.begin(), all.end(), v) != all.end()) ok = false;
          all.push_back(v);
        }
        if (pinned.empty()) ok = false;
        values.push_back(std::move(pinned));
        if (!ok) break;
      }
      if (!ok) continue;
      nlohmann::json chain = nlohmann::json::array();
      for (std::size_t i = 0; i < list.size(); ++i) {
        chain.push_back({{"if", {{"properties", {{name, {{"enum", values[i]}}}}}, {"required", {name}}}},
                         {"then", convert(*list[i], depth + 1)}});
      }
      return nlohmann::json{{"type", "object"},
                            {"required", {name}},
                            {"properties", {{name, {{"enum", all}}}}},
                            {"allOf", std::move(chain)}};
    }
    return any_of(list);
  };

  if (kinds.size() == 1) {
    out = group_schema(kinds.front(), groups[kinds.front()]);
  } else {
    out = {{"type", kinds}, {"allOf", nlohmann::json::array()}};
    for (const std::string& kind : kinds) {
      out["allOf"].push_back({{"if", {{"type", kind}}}, {"then", group_schema(kind, groups[kind])}});
    }
  }
  if (has_null) allow_null(out);
  return out;
}

tl::expected<nlohmann::json, std::string> SchemaConverter::self_contained(const nlohmann::json& schema) {
  m_pending.clear();
  m_error.clear();
  nlohmann::json root = convert(schema, 0);
  nlohmann::json definitions = nlohmann::json::object();
  const nlohmann::json* components = nullptr;
  if (m_document.contains("components") && m_document["components"].contains("schemas")) {
    components = &m_document["components"]["schemas"];
  }
  while (!m_pending.empty()) {
    const std::string name = *m_pending.begin();
    m_pending.erase(m_pending.begin());
    if (definitions.contains(name)) continue;
    if (components == nullptr || !components->contains(name)) {
      return tl::unexpected("the spec refers to #/components/schemas/" + name + ", which it does not define");
    }
    definitions[name] = nlohmann::json::object();  // reserve: a component may reach itself
    definitions[name] = convert((*components)[name], 0);
  }
  if (!m_error.empty()) return tl::unexpected(m_error);
  if (!root.is_object()) root = nlohmann::json::object();
  root["$schema"] = "http://json-schema.org/draft-07/schema#";
  root["definitions"] = std::move(definitions);
  return root;
}

}  // namespace contracts::openapi
