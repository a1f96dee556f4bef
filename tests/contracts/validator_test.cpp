// The validator behind contracts/validator.hpp: valijson results turned into Violations that
// name the field, with combinator noise left out.
#include "contracts/validator.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace contracts {
namespace {

using nlohmann::json;

CompiledSchema compile_or_die(const json& schema) {
  auto compiled = CompiledSchema::compile(schema);
  if (!compiled) ADD_FAILURE() << compiled.error();
  return *compiled;
}

const json k_thread_schema = json::parse(R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "required": ["id", "object", "tool_resources", "metadata"],
  "additionalProperties": false,
  "properties": {
    "id": {"type": "string"},
    "object": {"enum": ["thread"]},
    "tool_resources": {"anyOf": [{"type": "null"}, {"$ref": "#/definitions/resources"}]},
    "metadata": {"type": ["object", "null"]},
    "tools": {"type": "array", "items": {"$ref": "#/definitions/tool"}}
  },
  "definitions": {
    "resources": {"type": "object", "additionalProperties": false,
                  "properties": {"code_interpreter": {"type": "object"}}},
    "tool": {
      "type": "object", "required": ["type"],
      "properties": {"type": {"enum": ["code_interpreter", "function"]}},
      "allOf": [
        {"if": {"properties": {"type": {"const": "function"}}, "required": ["type"]},
         "then": {"$ref": "#/definitions/function_tool"}}
      ]
    },
    "function_tool": {
      "type": "object", "required": ["type", "function"], "additionalProperties": false,
      "properties": {"type": {"const": "function"},
                     "function": {"type": "object", "required": ["name"],
                                  "properties": {"name": {"type": "string"}}}}
    }
  }
})");

TEST(Validator, AcceptsAValidDocument) {
  const CompiledSchema schema = compile_or_die(k_thread_schema);
  EXPECT_TRUE(validate(json::parse(R"({"id":"t","object":"thread","tool_resources":null,
                                      "metadata":{}})"),
                       schema)
                  .empty());
}

TEST(Validator, NamesMissingAndUnknownMembersByPath) {
  const CompiledSchema schema = compile_or_die(k_thread_schema);
  const auto violations =
      validate(json::parse(R"({"id":"t","object":"thread","metadata":{},"file_ids":[]})"), schema);
  ASSERT_EQ(violations.size(), 2U);
  std::vector<std::string> seen;
  for (const Violation& v : violations) seen.push_back(v.path.to_string() + " " + to_string(v.kind));
  EXPECT_THAT(seen, testing::UnorderedElementsAre("$.tool_resources missing_property",
                                                  "$.file_ids unknown_property"));
}

TEST(Validator, ReportsPreciseErrorsInsideNullableAndDiscriminatedUnions) {
  const CompiledSchema schema = compile_or_die(k_thread_schema);
  const auto violations = validate(json::parse(R"({"id":"t","object":"thread","metadata":null,
      "tool_resources":{"file_search":{}},
      "tools":[{"type":"file_search"},{"type":"function","function":{"name":7}}]})"),
                                   schema);
  std::vector<std::string> seen;
  for (const Violation& v : violations) seen.push_back(v.path.to_string() + " " + to_string(v.kind));
  EXPECT_THAT(seen, testing::UnorderedElementsAre("$.tool_resources.file_search unknown_property",
                                                  "$.tools[0].type not_in_enum",
                                                  "$.tools[1].function.name wrong_type"));
}

TEST(Validator, ReportsANullWhereTheSchemaWantsAString) {
  const CompiledSchema schema = compile_or_die(k_thread_schema);
  const auto violations = validate(
      json::parse(R"({"id":null,"object":"thread","metadata":{},"tool_resources":null})"), schema);
  ASSERT_EQ(violations.size(), 1U);
  EXPECT_EQ(violations[0].path.to_string(), "$.id");
  EXPECT_EQ(violations[0].kind, ViolationKind::wrong_type);
}

TEST(Validator, RefusesABrokenSchemaWithAMessage) {
  auto compiled = CompiledSchema::compile(json::parse(R"({"$ref": "#/definitions/nowhere"})"));
  ASSERT_FALSE(compiled.has_value());
  EXPECT_THAT(compiled.error(), testing::HasSubstr("invalid JSON Schema"));
}

}  // namespace
}  // namespace contracts
