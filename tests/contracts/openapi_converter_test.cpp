// OpenAPI reading on small documents: YAML and JSON input, $refs, 3.0 nullable, 3.1 anyOf
// null, vendor extensions, deprecated, unions, and clear errors for bad input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "contracts/openapi/document_loader.hpp"
#include "contracts/openapi/spec_contracts.hpp"
#include "contracts/response_check.hpp"

namespace contracts::openapi {
namespace {

using nlohmann::json;

// A 3.0 document in YAML with the constructs the OpenAI specs use.
const char* k_yaml = R"yaml(
openapi: 3.0.0
info: {title: t, version: "1"}
servers:
  - url: https://api.example.com/v1
paths:
  /things/{thing_id}:
    get:
      deprecated: true
      x-oaiMeta: {name: Get thing}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Thing"
  /things:
    get:
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/ThingList"}
components:
  schemas:
    Thing:
      type: object
      deprecated: true
      x-stainless-naming: thing
      required: [id, object, note, limits, tool, phantom]
      properties:
        id: {type: string, example: thing_1}
        object: {type: string, enum: [thing]}
        note:
          type: string
          nullable: true
          description:
            &note_description |
            A note, or null.
        limits:
          allOf:
            - $ref: "#/components/schemas/Limits"
            - nullable: true
        tool:
          oneOf:
            - {$ref: "#/components/schemas/ToolA"}
            - {$ref: "#/components/schemas/ToolB"}
        ratio: {type: number, minimum: 0, exclusiveMinimum: true}
        mode:
          anyOf:
            - {type: string, enum: [auto]}
            - {$ref: "#/components/schemas/ToolA"}
    Limits:
      type: object
      properties:
        max: {type: integer}
    ToolA:
      type: object
      required: [type]
      properties:
        type: {type: string, enum: [a], x-stainless-const: true}
    ToolB:
      type: object
      required: [type, b]
      properties:
        type: {type: string, enum: [b]}
        b: {type: integer}
    ThingList:
      type: object
      required: [object, data, first_id, last_id, has_more]
      properties:
        object: {type: string}
        data: {type: array, items: {$ref: "#/components/schemas/Thing"}}
        first_id: {type: string}
        last_id: {type: string}
        has_more: {type: boolean}
)yaml";

SpecContracts spec_from_yaml() {
  auto document = parse_document(k_yaml, "test.yaml");
  EXPECT_TRUE(document.has_value()) << document.error();
  auto spec = SpecContracts::from_document(*document, "test.yaml");
  EXPECT_TRUE(spec.has_value()) << spec.error();
  return std::move(*spec);
}

const json k_thing = {{"id", "thing_1"}, {"object", "thing"}, {"note", nullptr}, {"limits", nullptr},
                      {"tool", {{"type", "b"}, {"b", 2}}}, {"ratio", 0.5}, {"mode", "auto"}};

std::vector<std::string> drift_of(const SpecContracts& spec, const std::string& path, const json& body) {
  ObservedResponse response{"test", "GET", path, 200, std::nullopt, body};
  const ResponseCheck check = check_response(response, ApiVersion::v2, spec);
  EXPECT_FALSE(check.unchecked.has_value()) << *check.unchecked;
  std::vector<std::string> out;
  for (const ResponseDrift& d : check.drift) out.push_back(d.item.path.to_string() + " " + to_string(d.item.kind));
  return out;
}

TEST(OpenApiReading, ConvertsNullableRefsUnionsAndDropsExtensions) {
  const SpecContracts spec = spec_from_yaml();
  EXPECT_THAT(drift_of(spec, "/v1/things/thing_1", k_thing), ::testing::IsEmpty());
  json other = k_thing;
  other["limits"] = {{"max", 3}};
  other["tool"] = {{"type", "a"}};
  other["mode"] = {{"type", "a"}};
  EXPECT_THAT(drift_of(spec, "/v1/things/thing_1", other), ::testing::IsEmpty());
}

TEST(OpenApiReading, NamesTheFieldInsideUnionsAndNullableObjects) {
  const SpecContracts spec = spec_from_yaml();
  json broken = k_thing;
  broken["tool"] = {{"type", "b"}, {"b", "two"}, {"extra", true}};
  broken["limits"] = {{"max", 1}, {"min", 0}};
  broken["mode"] = "manual";
  broken["ratio"] = 0;
  broken["note"] = 5;
  EXPECT_THAT(drift_of(spec, "/v1/things/thing_1", broken),
              ::testing::UnorderedElementsAre("$.tool.extra unknown_field", "$.limits.min unknown_field",
                                              "$.tool.b type_changed", "$.mode enum_value", "$.ratio constraint",
                                              "$.note type_changed"));
  json unknown_tool = k_thing;
  unknown_tool["tool"] = {{"type", "c"}};
  EXPECT_THAT(drift_of(spec, "/v1/things/thing_1", unknown_tool), ::testing::ElementsAre("$.tool.type enum_value"));
}

TEST(OpenApiReading, ToleratesNullCursorsAndRequiredMembersTheSchemaNeverDeclares) {
  const SpecContracts spec = spec_from_yaml();
  const json empty_page = {{"object", "list"}, {"data", json::array()}, {"first_id", nullptr},
                           {"last_id", nullptr}, {"has_more", false}};
  EXPECT_THAT(drift_of(spec, "/v1/things", empty_page), ::testing::IsEmpty());
  json missing = k_thing;
  missing.erase("id");
  EXPECT_THAT(drift_of(spec, "/v1/things/thing_1", missing), ::testing::ElementsAre("$.id missing_field"));
}

TEST(OpenApiReading, ReadsJsonDocumentsToo) {
  const json document = json::parse(R"({"openapi": "3.1.0", "paths": {"/x": {"get": {"responses": {"200": {
      "content": {"application/json": {"schema": {"anyOf": [{"type": "string"}, {"type": "null"}]}}}}}}}}})");
  auto parsed = parse_document(document.dump(), "doc.json");
  ASSERT_TRUE(parsed.has_value()) << parsed.error();
  auto spec = SpecContracts::from_document(*parsed, "doc.json");
  ASSERT_TRUE(spec.has_value()) << spec.error();
  EXPECT_THAT(drift_of(*spec, "/x", nullptr), ::testing::IsEmpty());
  EXPECT_THAT(drift_of(*spec, "/x", 3), ::testing::ElementsAre("$ type_changed"));
}

TEST(OpenApiReading, TypesPlainYamlScalarsAndKeepsQuotedOnesAsStrings) {
  auto parsed = parse_document("a: 1\nb: '1'\nc: true\nd: ~\ne: 1.5\nf: \"null\"\ng: text\n", "s.yaml");
  ASSERT_TRUE(parsed.has_value()) << parsed.error();
  EXPECT_EQ(*parsed, json::parse(R"({"a":1,"b":"1","c":true,"d":null,"e":1.5,"f":"null","g":"text"})"));
}

TEST(OpenApiReading, RefusesBadInputWithAMessageNamingTheFile) {
  auto bad_yaml = parse_document("a: [1, 2\nb: c\n", "broken.yaml");
  ASSERT_FALSE(bad_yaml.has_value());
  EXPECT_THAT(bad_yaml.error(), ::testing::HasSubstr("broken.yaml: not valid YAML"));
  auto bad_json = parse_document("{\"a\": }", "broken.json");
  ASSERT_FALSE(bad_json.has_value());
  EXPECT_THAT(bad_json.error(), ::testing::HasSubstr("broken.json: not valid JSON"));
  auto missing = load_document("/nonexistent/spec.yaml");
  ASSERT_FALSE(missing.has_value());
  EXPECT_THAT(missing.error(), ::testing::HasSubstr("/nonexistent/spec.yaml: cannot open"));
  auto not_openapi = SpecContracts::from_document(json{{"swagger", "2.0"}}, "old.json");
  ASSERT_FALSE(not_openapi.has_value());
  EXPECT_THAT(not_openapi.error(), ::testing::HasSubstr("not an OpenAPI document"));
  std::string deep_yaml;
  for (int i = 0; i < 300; ++i) deep_yaml += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  auto deep = parse_document(deep_yaml, "deep.yaml");
  ASSERT_FALSE(deep.has_value());
  EXPECT_THAT(deep.error(), ::testing::HasSubstr("deep.yaml"));
}

TEST(OpenApiReading, ReportsADanglingReferenceInsteadOfCrashing) {
  auto document = parse_document(R"yaml(
openapi: 3.1.0
paths:
  /x:
    get:
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Missing"}
)yaml", "dangling.yaml");
  ASSERT_TRUE(document.has_value());
  auto spec = SpecContracts::from_document(*document, "dangling.yaml");
  ASSERT_TRUE(spec.has_value());
  auto contract = spec->find("GET", "/x", 200, ApiVersion::v2, false);
  ASSERT_FALSE(contract.has_value());
  EXPECT_THAT(contract.error(), ::testing::HasSubstr("Missing"));
}

}  // namespace
}  // namespace contracts::openapi
