// The only file that includes valijson. It compiles draft-7 schemas and turns valijson's
// results (a context list plus an English description) into our Violation values.
#include "contracts/validator.hpp"

#include <algorithm>
#include <exception>
#include <string_view>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace contracts {

struct CompiledSchema::Impl {
  nlohmann::json document;
  valijson::Schema schema;
};

namespace {

// valijson's context is {"<root>", "[data]", "[0]", ...}: member names and indexes look alike,
// so the instance decides which one each element is.
JsonPath to_json_path(const std::vector<std::string>& context, const nlohmann::json& instance) {
  JsonPath path;
  const nlohmann::json* node = &instance;
  for (const std::string& element : context) {
    if (element == "<root>") continue;
    std::string name = element;
    if (name.size() >= 2 && name.front() == '[' && name.back() == ']') {
      name = name.substr(1, name.size() - 2);
    }
    if (node != nullptr && node->is_array() && !name.empty() &&
        std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      const std::size_t index = std::stoul(name);
      path = path.element(index);
      node = index < node->size() ? &(*node)[index] : nullptr;
    } else {
      path = path.child(name);
      node = (node != nullptr && node->is_object() && node->contains(name)) ? &(*node)[name]
                                                                             : nullptr;
    }
  }
  return path;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The quoted member name at the end of "... 'name'." messages.
std::string quoted_name(const std::string& description) {
  const std::size_t close = description.rfind('\'');
  if (close == std::string::npos || close == 0) return {};
  const std::size_t open = description.rfind('\'', close - 1);
  if (open == std::string::npos) return {};
  return description.substr(open + 1, close - open - 1);
}

ViolationKind classify(const std::string& description) {
  if (starts_with(description, "Missing required property")) return ViolationKind::missing_property;
  if (starts_with(description, "Object contains a property that could not be validated")) {
    return ViolationKind::unknown_property;
  }
  if (starts_with(description, "Value type not permitted")) return ViolationKind::wrong_type;
  if (starts_with(description, "Failed to match against any enum values") ||
      starts_with(description, "Failed to match expected value set by 'const'")) {
    return ViolationKind::not_in_enum;
  }
  // Summaries valijson adds above the precise errors of a failed sub-schema (allOf child,
  // anyOf, oneOf, if-then-else, items, additionalProperties, ...).
  if (starts_with(description, "Failed to validate") || starts_with(description, "Cannot validate") ||
      starts_with(description, "Failed to any values")) {
    return ViolationKind::structure;
  }
  return ViolationKind::constraint;
}

bool has_other_at_or_below(const std::vector<Violation>& all, const Violation& v, bool strictly) {
  return std::any_of(all.begin(), all.end(), [&](const Violation& other) {
    if (&other == &v || other.kind == ViolationKind::structure) return false;
    if (!is_within(other.path, v.path)) return false;
    return !strictly || other.path.segments().size() > v.path.segments().size();
  });
}

// Keeps what explains the failure: a summary goes when a precise violation lies at or below
// it; a type error goes when deeper violations show the value's type was accepted by another
// branch (the `null` branch of anyOf [null, X] always "fails" on an object).
std::vector<Violation> keep_precise(std::vector<Violation> all) {
  std::vector<Violation> kept;
  for (const Violation& v : all) {
    if (v.kind == ViolationKind::structure && has_other_at_or_below(all, v, false)) continue;
    if (v.kind == ViolationKind::wrong_type && has_other_at_or_below(all, v, true)) continue;
    const bool duplicate = std::any_of(kept.begin(), kept.end(), [&](const Violation& k) {
      return k.path == v.path && k.kind == v.kind && k.message == v.message;
    });
    if (!duplicate) kept.push_back(v);
  }
  return kept;
}

}  // namespace

tl::expected<CompiledSchema, std::string> CompiledSchema::compile(const nlohmann::json& schema) {
  auto impl = std::make_shared<Impl>();
  impl->document = schema;
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(impl->document);
    parser.populateSchema(adapter, impl->schema);
  } catch (const std::exception& error) {
    return tl::unexpected(std::string("invalid JSON Schema: ") + error.what());
  }
  return CompiledSchema(std::move(impl));
}

const nlohmann::json& CompiledSchema::document() const { return m_impl->document; }

std::vector<Violation> validate(const nlohmann::json& instance, const CompiledSchema& schema) {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(instance);
  if (validator.validate(schema.m_impl->schema, target, &results)) return {};

  std::vector<Violation> all;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    Violation v{to_json_path(error.context, instance), classify(error.description),
                error.description};
    if (v.kind == ViolationKind::missing_property || v.kind == ViolationKind::unknown_property) {
      v.path = v.path.child(quoted_name(error.description));
    }
    all.push_back(std::move(v));
  }
  return keep_precise(std::move(all));
}

std::string to_string(ViolationKind kind) {
  switch (kind) {
    case ViolationKind::unknown_property: return "unknown_property";
    case ViolationKind::missing_property: return "missing_property";
    case ViolationKind::wrong_type: return "wrong_type";
    case ViolationKind::not_in_enum: return "not_in_enum";
    case ViolationKind::constraint: return "constraint";
    case ViolationKind::structure: return "structure";
  }
  return "structure";
}

}  // namespace contracts
