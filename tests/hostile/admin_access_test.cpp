// Who may call /__admin over HTTP: with --admin-token only holders of the token; never a
// browser page from another origin (a page could otherwise reset or read a developer's local
// mock), and, on a loopback server, never a request addressed to another host name (a page
// that rebinds its DNS name to 127.0.0.1 is same-origin and sends no Origin on GETs).
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "tests/hostile/support/hostile_server.hpp"
#include "tests/hostile/support/raw_http.hpp"

namespace hostile {
namespace {
using tests::support::TestServer;

RawResponse admin_get(const TestServer& server, const std::vector<std::pair<std::string, std::string>>& headers,
                      const std::string& host = "") {
  RawConnection connection(server.port());
  std::string request = http_request("GET", "/__admin/state", headers);
  if (!host.empty()) request.replace(request.find("Host: 127.0.0.1"), 15, "Host: " + host);
  connection.send(request);
  return connection.read_response(3s);
}

TEST(AdminAccess, WithoutATokenLocalCallersAreServed) {
  TestServer server(hostile_config());
  EXPECT_EQ(admin_get(server, {}).status, 200);
  EXPECT_EQ(admin_get(server, {{"Origin", "http://localhost:3000"}}).status, 200);
  EXPECT_EQ(admin_get(server, {{"Sec-Fetch-Site", "same-origin"}}).status, 200);
  EXPECT_EQ(admin_get(server, {}, "localhost:" + std::to_string(server.port())).status, 200);
  EXPECT_EQ(admin_get(server, {}, "[::1]:" + std::to_string(server.port())).status, 200);
}

TEST(AdminAccess, WithATokenOnlyItsHoldersAreServedAndTheTokenIsNeverEchoed) {
  mock::MockServerConfig config = hostile_config();
  config.admin_token = "admin-token-4d7e2b9c";
  TestServer server(config);
  for (const auto& headers : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {}, {{"X-Admin-Token", "wrong-token-1a2b3c"}}, {{"Authorization", "Bearer wrong-token-1a2b3c"}},
           {{"X-Admin-Token", "admin-token-4d7e2b9"}}, {{"X-Admin-Token", "admin-token-4d7e2b9cX"}}}) {
    const RawResponse answer = admin_get(server, headers);
    EXPECT_EQ(answer.status, 401) << answer.describe();
    EXPECT_EQ(answer.error_code(), "invalid_admin_token") << answer.describe();
    EXPECT_EQ(answer.body.find("1a2b3c"), std::string::npos) << "the error echoes the token given";
    EXPECT_EQ(answer.body.find("4d7e2b9"), std::string::npos) << "the error reveals the token";
  }
  EXPECT_EQ(admin_get(server, {{"X-Admin-Token", "admin-token-4d7e2b9c"}}).status, 200);
  EXPECT_EQ(admin_get(server, {{"Authorization", "Bearer admin-token-4d7e2b9c"}}).status, 200);
  // The token guards the admin API only.
  tests::support::ApiClient client = server.client();
  EXPECT_EQ(client.get("/v1/assistants").status, 200);
}

TEST(AdminAccess, CrossOriginBrowserCallsAreRefusedEvenWithTheToken) {
  mock::MockServerConfig config = hostile_config();
  config.admin_token = "admin-token-4d7e2b9c";
  TestServer server(config);
  const std::pair<std::string, std::string> token{"X-Admin-Token", "admin-token-4d7e2b9c"};
  for (const auto& browser : std::vector<std::pair<std::string, std::string>>{
           {"Origin", "http://evil.example"}, {"Origin", "http://127.0.0.1.evil.example"},
           {"Origin", "http://localhost.evil.example:4010"}, {"Origin", "null"},
           {"Origin", "https://127.0.0.1:4010"}, {"Sec-Fetch-Site", "cross-site"}}) {
    const RawResponse answer = admin_get(server, {token, browser});
    EXPECT_EQ(answer.status, 403) << browser.first << ": " << browser.second << " -> " << answer.describe();
    EXPECT_EQ(answer.error_code(), "cross_origin_refused") << answer.describe();
  }
  RawConnection reset(server.port());
  reset.send(http_request("POST", "/__admin/reset", {token, {"Origin", "http://evil.example"}}));
  EXPECT_EQ(reset.read_response(3s).status, 403);
}

TEST(AdminAccess, ALoopbackServerRefusesAdminCallsAddressedToOtherHostNames) {
  TestServer server(hostile_config());
  ASSERT_TRUE(server.server().loopback_only());
  const std::string port = std::to_string(server.port());
  for (const std::string& host : std::vector<std::string>{"rebound.evil.example:" + port, "evil.example", "127.0.0.1.evil.example:" + port,
                                  "localhost.evil.example", "[::2]:" + port, "128.0.0.1:" + port}) {
    const RawResponse answer = admin_get(server, {}, host);
    EXPECT_EQ(answer.status, 403) << host << " -> " << answer.describe();
    EXPECT_EQ(answer.error_code(), "host_refused") << answer.describe();
  }
  EXPECT_EQ(admin_get(server, {}, "127.0.0.2:" + port).status, 200);
  EXPECT_EQ(admin_get(server, {}, "LOCALHOST").status, 200);
}

}  // namespace
}  // namespace hostile
