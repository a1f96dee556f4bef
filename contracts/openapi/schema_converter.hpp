#pragma once
// OpenAPI 3.0 / 3.1 schema objects -> JSON Schema draft 7 for the validator.
//
// - $ref "#/components/schemas/X" becomes "#/definitions/X"; only the components a response
//   reaches are converted, once each.
// - nullable: true (3.0), `allOf [X, {nullable: true}]` and `anyOf/oneOf [X, {type: null}]`
//   (3.1) all become "null is allowed here".
// - x-* vendor extensions, deprecated, discriminator, examples, format and documentation
//   keywords are dropped; 3.0's boolean exclusiveMinimum/Maximum become draft-7 numbers.
// - Objects with declared properties are closed (additionalProperties: false) so undeclared
//   fields read as additive drift; allOf of plain objects is merged first so closing does
//   not reject a member's fields; `required` names an object does not declare are dropped
//   (a spec bug, FACTS §1).
// - Unions whose branches differ by JSON type and, for objects, by a one-value member such as
//   `type` or `event` become if/then chains, so an error names the field, not every branch;
//   other unions become anyOf (a response is checked for shape, not for oneOf exclusivity).
// - Tolerated quirk (FACTS §10): a list envelope's first_id / last_id may be null.
#include <set>
#include <string>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

namespace contracts::openapi {

class SchemaConverter {
public:
  // `document`: the whole OpenAPI document (components are looked up in it). Kept by reference.
  explicit SchemaConverter(const nlohmann::json& document) : m_document(document) {}

  // A self-contained draft-7 document for `schema` (an OpenAPI schema object, e.g. the
  // `schema` of a response's content), with every component it reaches under definitions.
  tl::expected<nlohmann::json, std::string> self_contained(const nlohmann::json& schema);

private:
  nlohmann::json convert(const nlohmann::json& node, int depth);
  nlohmann::json convert_union(const nlohmann::json& members, int depth);
  nlohmann::json convert_all_of(const nlohmann::json& node, int depth);
  const nlohmann::json* resolve(const nlohmann::json& node, int depth) const;
  std::string rewrite_ref(const std::string& ref);

  const nlohmann::json& m_document;
  std::set<std::string> m_pending;  // components reached but not converted yet
  std::string m_error;
};

}  // namespace contracts::openapi
