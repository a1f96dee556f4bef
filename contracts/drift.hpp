#pragma once
// Drift: how an observed response differs from the schema it should follow. The validator
// says what is wrong; this names it in API terms and says what was expected.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "contracts/json_path.hpp"
#include "contracts/validator.hpp"

namespace contracts {

enum class DriftKind {
  unknown_field,        // additive: a field the schema does not declare (e.g. v1 file_ids under v2)
  missing_field,        // breaking: a required field is absent (e.g. tool_resources on a v1 thread)
  type_changed,         // breaking: the value has another JSON type
  nullability_changed,  // breaking: null where the schema does not allow null
  enum_value,           // breaking: a value the enumeration does not list (e.g. a new run status)
  constraint,           // breaking: length, range, item count, ...
  other,                // breaking: any other schema failure
  stream_invariant,     // breaking: a stream breaks a rule across its events (a gap in
                        // sequence_number, deltas that do not add up to the final text)
};

// Stable machine names: unknown_field, missing_field, type_changed, nullability_changed,
// enum_value, constraint, other, stream_invariant.
std::string to_string(DriftKind kind);
// "additive" for unknown_field (old clients ignore it), "breaking" for the rest.
std::string severity(DriftKind kind);

struct DriftItem {
  JsonPath path;         // $.data[0].file_ids
  DriftKind kind;
  std::string expected;  // "not declared", "object|null", "one of queued, in_progress, ..."
  std::string got;       // "absent", "null", "integer", "\"incomplete\"", "[]"
  std::string detail;    // the validator's message
};

// Every drift of `observed` against `schema`; empty when it validates. An object with several
// undeclared members reports each of them.
std::vector<DriftItem> find_drift(const nlohmann::json& observed, const CompiledSchema& schema);

}  // namespace contracts
