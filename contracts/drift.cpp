#include "contracts/drift.hpp"

#include "contracts/declared_shape.hpp"

namespace contracts {
namespace {

// The validator names one undeclared member per object at a time, so the finder removes the
// ones it has seen from a working copy and asks again; each round finds at least one more.
constexpr int k_max_unknown_rounds = 256;

// The value itself when short ("queued", 42, []), else its JSON type.
std::string short_value(const nlohmann::json& value) {
  const std::string text = value.dump();
  return text.size() <= 40 ? text : json_type_name(value);
}

// "array []", "integer 1698107661", or just "object" when the value is long.
std::string typed_value(const nlohmann::json& value) {
  if (value.is_null()) return "null";
  const std::string text = value.dump();
  return text.size() <= 40 ? json_type_name(value) + " " + text : json_type_name(value);
}

void erase_at(nlohmann::json& document, const JsonPath& path) {
  const std::optional<std::string> key = path.last_key();
  if (!key) return;
  nlohmann::json* parent = &document;
  const JsonPath parent_path = path.parent();
  for (const PathSegment& segment : parent_path.segments()) {
    if (segment.index) {
      if (!parent->is_array() || *segment.index >= parent->size()) return;
      parent = &(*parent)[*segment.index];
    } else {
      if (!parent->is_object() || !parent->contains(segment.key)) return;
      parent = &(*parent)[segment.key];
    }
  }
  if (parent->is_object()) parent->erase(*key);
}

DriftItem classify(const Violation& violation, const nlohmann::json& observed,
                   const nlohmann::json& schema) {
  const nlohmann::json* value = violation.path.find_in(observed);
  const DeclaredShape shape = declared_shape(schema, observed, violation.path);
  const std::string got = value != nullptr ? short_value(*value) : "absent";
  switch (violation.kind) {
    case ViolationKind::unknown_property:
      return {violation.path, DriftKind::unknown_field, "not declared",
              value != nullptr ? typed_value(*value) : got, violation.message};
    case ViolationKind::missing_property:
      return {violation.path, DriftKind::missing_field,
              "required " + (shape.values.empty() ? describe_types(shape) : describe_values(shape)), "absent",
              violation.message};
    case ViolationKind::wrong_type:
      if (value != nullptr && value->is_null()) {
        return {violation.path, DriftKind::nullability_changed, describe_types(shape), "null",
                violation.message};
      }
      return {violation.path, DriftKind::type_changed, describe_types(shape),
              value != nullptr ? json_type_name(*value) : got, violation.message};
    case ViolationKind::not_in_enum: {
      std::string expected = describe_values(shape);
      return {violation.path, DriftKind::enum_value, expected.empty() ? violation.message : expected, got,
              violation.message};
    }
    case ViolationKind::constraint:
      return {violation.path, DriftKind::constraint, violation.message, got, violation.message};
    case ViolationKind::structure:
      break;
  }
  return {violation.path, DriftKind::other, violation.message, got, violation.message};
}

}  // namespace

std::string to_string(DriftKind kind) {
  switch (kind) {
    case DriftKind::unknown_field: return "unknown_field";
    case DriftKind::missing_field: return "missing_field";
    case DriftKind::type_changed: return "type_changed";
    case DriftKind::nullability_changed: return "nullability_changed";
    case DriftKind::enum_value: return "enum_value";
    case DriftKind::constraint: return "constraint";
    case DriftKind::other: return "other";
    case DriftKind::stream_invariant: return "stream_invariant";
  }
  return "other";
}

std::string severity(DriftKind kind) { return kind == DriftKind::unknown_field ? "additive" : "breaking"; }

std::vector<DriftItem> find_drift(const nlohmann::json& observed, const CompiledSchema& schema) {
  std::vector<DriftItem> items;
  nlohmann::json working = observed;
  std::vector<Violation> violations = validate(working, schema);
  for (int round = 0; round < k_max_unknown_rounds; ++round) {
    bool removed = false;
    for (const Violation& v : violations) {
      if (v.kind != ViolationKind::unknown_property || v.path.find_in(working) == nullptr) continue;
      items.push_back(classify(v, observed, schema.document()));
      erase_at(working, v.path);
      removed = true;
    }
    if (!removed) break;
    violations = validate(working, schema);
  }
  for (const Violation& v : violations) {
    if (v.kind != ViolationKind::unknown_property) items.push_back(classify(v, observed, schema.document()));
  }
  return items;
}

}  // namespace contracts
