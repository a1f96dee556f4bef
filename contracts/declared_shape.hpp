#pragma once
// What a schema declares at one place of a document: the JSON types it allows there and the
// values it lists. Drift reports use it to say what was expected ("string|null",
// "one of queued, in_progress, ..."). This reads the schema to find a declaration; whether
// a value is valid is only ever decided by the validator.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "contracts/json_path.hpp"

namespace contracts {

struct DeclaredShape {
  bool declared = false;              // some schema at the path declares it
  std::vector<std::string> types;     // allowed JSON types, in schema order; empty: any
  std::vector<nlohmann::json> values; // enum / const values; empty: not an enumeration
};

// The declaration reached by following `path` through `schema` (a self-contained document:
// local $refs only). `instance` picks the branch of if/then/else discriminators.
DeclaredShape declared_shape(const nlohmann::json& schema, const nlohmann::json& instance,
                             const JsonPath& path);

// "string|null"; "any" when no type is declared.
std::string describe_types(const DeclaredShape& shape);
// "one of queued, in_progress" (strings unquoted); "" when not an enumeration.
std::string describe_values(const DeclaredShape& shape);

}  // namespace contracts
