// The schema files themselves: every one compiles, the endpoint table names only schemas that
// exist, and they keep the house rules (closed objects, discriminators that require their
// member) that make drift reports precise.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <iostream>

#include "contracts/embedded_schemas.hpp"
#include "contracts/endpoint_map.hpp"
#include "contracts/schema_library.hpp"

namespace contracts {
namespace {

// Calls `visit(node, where)` on every object node of `schema`.
void walk(const nlohmann::json& node, const std::string& where,
          const std::function<void(const nlohmann::json&, const std::string&)>& visit) {
  if (node.is_object()) {
    visit(node, where);
    for (const auto& [key, value] : node.items()) walk(value, where + "/" + key, visit);
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) walk(node[i], where + "/" + std::to_string(i), visit);
  }
}

TEST(SchemaFiles, EverySchemaOfEveryVersionCompiles) {
  for (ApiVersion version : all_api_versions()) {
    const SchemaLibrary& library = SchemaLibrary::builtin(version);
    std::cout << to_string(version) << ": " << library.stems().size() << " schema files\n";
    EXPECT_GE(library.stems().size(), 20U) << to_string(version);
    for (const std::string& stem : library.stems()) {
      auto compiled = library.compiled(stem);
      EXPECT_TRUE(compiled.has_value()) << to_string(version) << "/" << stem << ": " << compiled.error();
    }
  }
}

TEST(SchemaFiles, TheEndpointTableNamesOnlySchemasThatExist) {
  for (ApiVersion version : all_api_versions()) {
    for (const std::string& stem : schemas_used(version)) {
      EXPECT_TRUE(SchemaLibrary::builtin(version).has(stem)) << to_string(version) << " lacks " << stem;
    }
  }
}

TEST(SchemaFiles, FollowTheHouseRules) {
  for (const EmbeddedFile& file : embedded_schema_files()) {
    const std::string name(file.path);
    const nlohmann::json schema = nlohmann::json::parse(file.text);
    EXPECT_EQ(schema.value("$schema", ""), "http://json-schema.org/draft-07/schema#") << name;
    EXPECT_TRUE(schema.contains("title")) << name;
    walk(schema, name, [&](const nlohmann::json& node, const std::string& where) {
      // A discriminator that does not require its member would apply every branch to an
      // object that lacks it, burying the one useful error.
      if (node.contains("if") && node["if"].contains("properties")) {
        for (const auto& [member, unused] : node["if"]["properties"].items()) {
          const auto required = node["if"].value("required", nlohmann::json::array());
          EXPECT_TRUE(std::find(required.begin(), required.end(), member) != required.end())
              << where << ": `if` tests " << member << " without requiring it";
        }
      }
      // Declared objects are closed, so undeclared members read as drift; a discriminated
      // union's base stays open and closes in each branch.
      if (node.value("type", nlohmann::json()) == "object" && node.contains("properties") && !node.contains("allOf")) {
        EXPECT_TRUE(node.contains("additionalProperties")) << where << ": object without additionalProperties";
      }
    });
  }
}

TEST(SchemaFiles, SelfContainedDocumentsOnlyReferToTheirOwnDefinitions) {
  auto document = SchemaLibrary::builtin(ApiVersion::v2).self_contained("stream_event");
  ASSERT_TRUE(document.has_value()) << document.error();
  EXPECT_EQ((*document)["$ref"], "#/definitions/stream_event");
  for (const char* stem : {"run", "run_step", "message", "message_delta", "run_step_delta", "thread", "error", "common"}) {
    EXPECT_TRUE((*document)["definitions"].contains(stem)) << stem;
  }
  walk(*document, "", [](const nlohmann::json& node, const std::string& where) {
    if (node.contains("$ref") && node["$ref"].is_string()) {
      EXPECT_EQ(node["$ref"].get<std::string>().rfind("#/definitions/", 0), 0U) << where;
    }
  });
  SchemaLibrary broken({{"a", nlohmann::json{{"$ref", "missing.schema.json"}}}});
  auto failed = broken.compiled("a");
  ASSERT_FALSE(failed.has_value());
  EXPECT_THAT(failed.error(), ::testing::HasSubstr("missing.schema.json"));
}

}  // namespace
}  // namespace contracts
