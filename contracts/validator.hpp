#pragma once
// The project's one interface to JSON Schema validation (draft 7). valijson stays behind it:
// validator.cpp is the only file that includes it (../shared/STYLE.md §2, checked by
// tests/rules/architecture.txt). Everything else sees CompiledSchema and Violation.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "contracts/json_path.hpp"

namespace contracts {

// What kind of rule a value broke; drift.cpp turns these into drift kinds.
enum class ViolationKind {
  unknown_property,  // a member the schema does not declare (additionalProperties: false)
  missing_property,  // a required member is absent
  wrong_type,        // the value's JSON type is not allowed (null included)
  not_in_enum,       // the value is not one of the enum / const values
  constraint,        // length, range, pattern, item count, ...
  structure,         // a combinator failed and nothing more precise was found
};

struct Violation {
  // The offending value; for unknown and missing members, the member itself
  // ($.tool_resources when tool_resources is missing from the root object).
  JsonPath path;
  ViolationKind kind;
  std::string message;  // the validator's own description
};

// A parsed schema, ready to validate many documents. Cheap to copy (shared, immutable).
class CompiledSchema {
public:
  // `schema` must be self-contained: only local references ("#/definitions/x").
  // The error names what could not be understood.
  static tl::expected<CompiledSchema, std::string> compile(const nlohmann::json& schema);

  // The schema document it was compiled from (drift uses it to say what was expected).
  const nlohmann::json& document() const;

  struct Impl;

private:
  explicit CompiledSchema(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}
  std::shared_ptr<const Impl> m_impl;

  friend std::vector<Violation> validate(const nlohmann::json&, const CompiledSchema&);
};

// Every violation of `schema` by `instance`, most precise first per location; empty = valid.
// Combinator summaries ("failed anyOf") are left out when a more precise violation explains them.
std::vector<Violation> validate(const nlohmann::json& instance, const CompiledSchema& schema);

std::string to_string(ViolationKind kind);

}  // namespace contracts
