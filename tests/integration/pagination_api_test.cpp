// List pagination over real HTTP: 45 assistants, pages of 20 with after = last_id, both orders.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/api_expect.hpp"
#include "tests/support/test_server.hpp"

namespace {
using mock::Json;
using namespace tests::support;

class PaginationApi : public ::testing::Test {
protected:
  void SetUp() override {
    for (int i = 0; i < 45; ++i) created.push_back(create_assistant(client, Json{{"model", "gpt-4o"}, {"name", "a" + std::to_string(i)}}));
  }

  // Pages through /v1/assistants; returns the ids in the order seen and checks each page.
  std::vector<std::string> page_through(const std::string& order, std::vector<std::size_t>& sizes) {
    std::vector<std::string> seen;
    std::optional<std::string> after;
    for (int guard = 0; guard < 20; ++guard) {
      std::string path = "/v1/assistants?limit=20&order=" + order;
      if (after) path += "&after=" + *after;
      Json page = get_ok(client, path);
      EXPECT_EQ(page["object"], "list");
      Json& data = page["data"];
      sizes.push_back(data.size());
      if (!data.empty()) {
        EXPECT_EQ(page["first_id"], data.front()["id"]);
        EXPECT_EQ(page["last_id"], data.back()["id"]);
      }
      for (const Json& item : data) seen.push_back(item["id"]);
      if (!page["has_more"].get<bool>()) break;
      after = page["last_id"].get<std::string>();
    }
    return seen;
  }

  TestServer server;
  ApiClient client = server.client();
  std::vector<std::string> created;  // oldest first
};

TEST_F(PaginationApi, AscendingPagesListEveryIdOnceInCreationOrder) {
  std::vector<std::size_t> sizes;
  auto seen = page_through("asc", sizes);
  EXPECT_EQ(sizes, (std::vector<std::size_t>{20, 20, 5}));
  EXPECT_EQ(seen, created);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 45U);
}

TEST_F(PaginationApi, DescendingPagesListEveryIdOnceNewestFirst) {
  std::vector<std::size_t> sizes;
  auto seen = page_through("desc", sizes);
  EXPECT_EQ(sizes, (std::vector<std::size_t>{20, 20, 5}));
  EXPECT_EQ(seen, std::vector<std::string>(created.rbegin(), created.rend()));
}

TEST_F(PaginationApi, HasMoreIsTrueUntilTheLastPage) {
  Json page = get_ok(client, "/v1/assistants?limit=20&order=asc");
  EXPECT_EQ(page["has_more"], true);
  page = get_ok(client, "/v1/assistants?limit=20&order=asc&after=" + page["last_id"].get<std::string>());
  EXPECT_EQ(page["has_more"], true);
  page = get_ok(client, "/v1/assistants?limit=20&order=asc&after=" + page["last_id"].get<std::string>());
  EXPECT_EQ(page["has_more"], false);
  EXPECT_EQ(page["data"].size(), 5U);
  EXPECT_EQ(page["last_id"], created.back());
  // Asking past the end gives an empty page with null cursors.
  page = get_ok(client, "/v1/assistants?limit=20&order=asc&after=" + created.back());
  EXPECT_EQ(page["data"], Json::array());
  EXPECT_TRUE(page["first_id"].is_null());
  EXPECT_TRUE(page["last_id"].is_null());
  EXPECT_EQ(page["has_more"], false);
}

TEST_F(PaginationApi, DefaultLimitIsTwentyNewestFirst) {
  Json page = get_ok(client, "/v1/assistants");
  ASSERT_EQ(page["data"].size(), 20U);
  EXPECT_EQ(page["first_id"], created.back());
  EXPECT_EQ(page["has_more"], true);
}

TEST_F(PaginationApi, BeforeGivesThePrecedingPage) {
  Json page = get_ok(client, "/v1/assistants?order=asc&limit=5&before=" + created[10]);
  ASSERT_EQ(page["data"].size(), 5U);
  EXPECT_EQ(page["first_id"], created[5]);
  EXPECT_EQ(page["last_id"], created[9]);
  EXPECT_EQ(page["has_more"], true);
}

TEST_F(PaginationApi, CursorOfADeletedAssistantStillWorks) {
  ASSERT_EQ(client.del("/v1/assistants/" + created[19]).status, 200);
  Json page = get_ok(client, "/v1/assistants?order=asc&limit=3&after=" + created[19]);
  ASSERT_EQ(page["data"].size(), 3U);
  EXPECT_EQ(page["first_id"], created[20]);
}

TEST_F(PaginationApi, UnknownCursorIs400) {
  expect_error(client.get("/v1/assistants?after=asst_notinthislist"), 400,
               "Invalid 'after': no object with id 'asst_notinthislist' in this list.", "after",
               "invalid_value");
}

TEST_F(PaginationApi, LimitOneHundredTakesEverything) {
  Json page = get_ok(client, "/v1/assistants?limit=100&order=asc");
  EXPECT_EQ(page["data"].size(), 45U);
  EXPECT_EQ(page["has_more"], false);
}

}  // namespace
