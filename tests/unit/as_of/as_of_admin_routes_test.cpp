// The date through the admin API, against one in-process server: a client before and after
// the sunset.
#include "mock/as_of/as_of_admin_routes.hpp"

#include <gtest/gtest.h>

#include "mock/server/mock_server.hpp"
#include "tests/support/api_request.hpp"
#include "tests/support/test_server.hpp"
#include "timeline/api_events.hpp"

namespace {
using mock::Json;

mock::http::ApiResponse send(mock::MockServer& server, const std::string& method,
                             const std::string& path, const std::string& body = "") {
  auto r = tests::support::api_request(method, path, body);
  return server.handle(r);
}

TEST(AsOfAdminRoutes, OneServerBeforeAndAfterTheSunset) {
  mock::MockServerConfig config = tests::support::test_config();
  config.as_of = timeline::parse_date("2026-08-25");
  mock::MockServer server(config);

  EXPECT_EQ(Json::parse(send(server, "GET", "/__admin/as_of").body)["as_of"], "2026-08-25");
  auto created = send(server, "POST", "/v1/assistants", R"({"model":"gpt-4o"})");
  ASSERT_EQ(created.status, 200) << created.body;
  const std::string id = Json::parse(created.body)["id"];

  auto moved = send(server, "PUT", "/__admin/as_of", R"({"as_of":"2026-08-26"})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  const Json setting = Json::parse(moved.body);
  EXPECT_EQ(setting["serves"]["assistants"], false);
  EXPECT_EQ(setting["serves"]["vector_stores"], true);

  auto gone = send(server, "GET", "/v1/assistants/" + id);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(Json::parse(gone.body)["error"]["message"], "Invalid URL (GET /v1/assistants/" + id + ")");
  EXPECT_EQ(send(server, "POST", "/v1/vector_stores", R"({"name":"kept"})").status, 200);

  // Back to no date: the object was never deleted, only unreachable.
  EXPECT_EQ(send(server, "DELETE", "/__admin/as_of").status, 200);
  EXPECT_EQ(send(server, "GET", "/v1/assistants/" + id).status, 200);
}

TEST(AsOfAdminRoutes, ABadDateIsA400InTheEnvelopeAndLeavesTheDate) {
  mock::MockServerConfig config = tests::support::test_config();
  config.as_of = timeline::parse_date("2024-06-01");
  mock::MockServer server(config);
  for (const char* body : {R"({"as_of":"2024-02-30"})", R"({"as_of":20240601})", R"({})", "nonsense"}) {
    auto refused = send(server, "PUT", "/__admin/as_of", body);
    EXPECT_EQ(refused.status, 400) << body;
    EXPECT_TRUE(Json::parse(refused.body)["error"].contains("message")) << refused.body;
  }
  EXPECT_EQ(Json::parse(send(server, "GET", "/__admin/as_of").body)["as_of"], "2024-06-01");
}

TEST(AsOfAdminRoutes, TheTimelineListsEveryEventWithItsSource) {
  mock::MockServer server(tests::support::test_config());
  const Json events = Json::parse(send(server, "GET", "/__admin/timeline").body)["events"];
  ASSERT_EQ(events.size(), timeline::api_events().size());
  EXPECT_EQ(events.back()["date"], "2026-08-26");
  for (const Json& row : events) EXPECT_FALSE(row["source"].get<std::string>().empty());
}

TEST(AsOfAdminRoutes, WithoutADateEverySurfaceIsServed) {
  mock::MockServer server(tests::support::test_config());
  EXPECT_TRUE(Json::parse(send(server, "GET", "/__admin/as_of").body)["as_of"].is_null());
  auto v1 = tests::support::api_request("POST", "/v1/assistants", R"({"model":"gpt-4"})", "assistants=v1");
  EXPECT_EQ(server.handle(v1).status, 200);
}

}  // namespace
