// Endpoint table, API version names and JSON paths.
#include "contracts/endpoint_map.hpp"

#include <gtest/gtest.h>

#include "contracts/api_version.hpp"
#include "contracts/json_path.hpp"

namespace contracts {
namespace {

std::string schema_of(const char* method, const char* path, int status, ApiVersion version, bool streamed = false) {
  const auto contract = find_endpoint_contract(method, path, status, version, streamed);
  return contract ? contract->endpoint + " -> " + contract->schema : "none";
}

TEST(EndpointMap, PrefersLiteralSegmentsAndIgnoresTheQuery) {
  EXPECT_EQ(schema_of("POST", "/v1/threads/runs", 200, ApiVersion::v2), "POST /v1/threads/runs -> run");
  EXPECT_EQ(schema_of("POST", "/v1/threads/thread_1", 200, ApiVersion::v2), "POST /v1/threads/{thread_id} -> thread");
  EXPECT_EQ(schema_of("GET", "/v1/threads/t/messages?order=asc&limit=2", 200, ApiVersion::v2),
            "GET /v1/threads/{thread_id}/messages -> message_list");
}

TEST(EndpointMap, KnowsWhichVersionHasWhichEndpoint) {
  EXPECT_EQ(schema_of("GET", "/v1/assistants/a/files", 200, ApiVersion::v1_2023_12),
            "GET /v1/assistants/{assistant_id}/files -> assistant_file_list");
  EXPECT_EQ(schema_of("GET", "/v1/assistants/a/files", 200, ApiVersion::v2), "none");
  EXPECT_EQ(schema_of("DELETE", "/v1/threads/t/messages/m", 200, ApiVersion::v1_final), "none");
  EXPECT_EQ(schema_of("DELETE", "/v1/threads/t/messages/m", 200, ApiVersion::v2),
            "DELETE /v1/threads/{thread_id}/messages/{message_id} -> message_deleted");
  EXPECT_EQ(schema_of("GET", "/v1/vector_stores", 200, ApiVersion::v1_final), "none");
}

TEST(EndpointMap, ErrorsFollowTheEnvelopeOnAnyPath) {
  EXPECT_EQ(schema_of("DELETE", "/v1/threads/t/messages/m", 404, ApiVersion::v1_2023_12),
            "DELETE /v1/threads/{thread_id}/messages/{message_id} -> error");
  EXPECT_EQ(schema_of("GET", "/v1/nothing/here?x=1", 404, ApiVersion::v2), "GET /v1/nothing/here -> error");
  EXPECT_EQ(schema_of("GET", "/v1/assistants", 302, ApiVersion::v2), "none");
  EXPECT_EQ(schema_of("GET", "/v1/files/f/content", 200, ApiVersion::v2), "none");
}

TEST(EndpointMap, StreamsExistFromTheFinalV1On) {
  EXPECT_EQ(schema_of("POST", "/v1/threads/t/runs", 200, ApiVersion::v2, true),
            "POST /v1/threads/{thread_id}/runs -> stream_event");
  EXPECT_EQ(schema_of("POST", "/v1/threads/t/runs/r/submit_tool_outputs", 200, ApiVersion::v1_final, true),
            "POST /v1/threads/{thread_id}/runs/{run_id}/submit_tool_outputs -> stream_event");
  EXPECT_EQ(schema_of("POST", "/v1/threads/t/runs", 200, ApiVersion::v1_2023_12, true), "none");
  EXPECT_EQ(schema_of("GET", "/v1/threads/t/runs/r", 200, ApiVersion::v2, true), "none");
}

TEST(ApiVersions, ParseNamesAndBetaHeaders) {
  EXPECT_EQ(parse_api_version("v2"), ApiVersion::v2);
  EXPECT_EQ(parse_api_version("v1"), ApiVersion::v1_final);
  EXPECT_EQ(parse_api_version("v1-2023-12"), ApiVersion::v1_2023_12);
  EXPECT_EQ(parse_api_version("assistants=v1"), ApiVersion::v1_final);
  EXPECT_EQ(parse_api_version("realtime=v1, assistants=v2"), ApiVersion::v2);
  EXPECT_EQ(parse_api_version("assistants=v3"), std::nullopt);
  EXPECT_EQ(parse_api_version(""), std::nullopt);
}

TEST(JsonPaths, PrintTheWayPeopleReadThem) {
  const JsonPath path = JsonPath().child("data").element(3).child("file_ids");
  EXPECT_EQ(path.to_string(), "$.data[3].file_ids");
  EXPECT_EQ(path.to_pattern(), "$.data[*].file_ids");
  EXPECT_EQ(JsonPath().child("odd key").to_string(), "$[\"odd key\"]");
  EXPECT_EQ(JsonPath().to_string(), "$");
  const nlohmann::json doc = {{"data", {1, 2, 3, {{"file_ids", nlohmann::json::array()}}}}};
  ASSERT_NE(path.find_in(doc), nullptr);
  EXPECT_EQ(*path.find_in(doc), nlohmann::json::array());
  EXPECT_EQ(JsonPath().child("data").element(9).find_in(doc), nullptr);
}

}  // namespace
}  // namespace contracts
