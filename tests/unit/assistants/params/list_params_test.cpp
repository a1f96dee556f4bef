#include "mock/core/list_params.hpp"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/api_error_matchers.hpp"

namespace {
using mock::core::parse_list_query;
using mock::core::throw_unknown_cursor;
using mock::http::ApiRequest;
using tests::support::expect_api_error;
using tests::support::thrown_api_error;

ApiRequest with_query(std::vector<std::pair<std::string, std::string>> query) {
  ApiRequest request;
  request.method = "GET";
  request.path = "/v1/assistants";
  request.query = std::move(query);
  return request;
}

TEST(ListParams, DefaultsAreTwentyNewestFirstWithoutCursors) {
  const auto query = parse_list_query(with_query({}));
  EXPECT_EQ(query.limit, 20U);
  EXPECT_FALSE(query.ascending);
  EXPECT_FALSE(query.after.has_value());
  EXPECT_FALSE(query.before.has_value());
}

TEST(ListParams, LimitWithinOneToHundred) {
  EXPECT_EQ(parse_list_query(with_query({{"limit", "1"}})).limit, 1U);
  EXPECT_EQ(parse_list_query(with_query({{"limit", "37"}})).limit, 37U);
  EXPECT_EQ(parse_list_query(with_query({{"limit", "100"}})).limit, 100U);
}

TEST(ListParams, LimitZeroIsBelowMinimum) {
  expect_api_error(thrown_api_error([] { parse_list_query(with_query({{"limit", "0"}})); }), 400,
                   "Invalid 'limit': integer below minimum value. Expected a value >= 1, but got 0 "
                   "instead.",
                   "limit", "integer_below_min_value");
  EXPECT_EQ(thrown_api_error([] { parse_list_query(with_query({{"limit", "-5"}})); }).code(),
            "integer_below_min_value");
}

TEST(ListParams, LimitOverHundredIsAboveMaximum) {
  expect_api_error(thrown_api_error([] { parse_list_query(with_query({{"limit", "101"}})); }),
                   400,
                   "Invalid 'limit': integer above maximum value. Expected a value <= 100, but got "
                   "101 instead.",
                   "limit", "integer_above_max_value");
}

TEST(ListParams, LimitThatIsNotAnIntegerIsInvalidType) {
  for (const char* text : {"abc", "", "5x", "1.5", " 5", "+5", "99999999999999999999999"}) {
    expect_api_error(thrown_api_error([&] { parse_list_query(with_query({{"limit", text}})); }),
                     400,
                     "Invalid type for 'limit': expected an integer, but got a string that could "
                     "not be parsed as an integer instead.",
                     "limit", "invalid_type");
  }
}

TEST(ListParams, OrderAscOrDesc) {
  EXPECT_TRUE(parse_list_query(with_query({{"order", "asc"}})).ascending);
  EXPECT_FALSE(parse_list_query(with_query({{"order", "desc"}})).ascending);
}

TEST(ListParams, OtherOrderIsInvalidValue) {
  expect_api_error(thrown_api_error([] { parse_list_query(with_query({{"order", "up"}})); }), 400,
                   "Invalid value: 'up'. Supported values are: 'asc' and 'desc'.", "order",
                   "invalid_value");
  EXPECT_EQ(thrown_api_error([] { parse_list_query(with_query({{"order", "ASC"}})); }).param(),
            "order");
}

TEST(ListParams, CursorsArePassedThroughAndEmptyOnesIgnored) {
  const auto query = parse_list_query(with_query({{"after", "asst_a"}, {"before", "asst_b"}}));
  EXPECT_EQ(query.after, "asst_a");
  EXPECT_EQ(query.before, "asst_b");
  const auto empty = parse_list_query(with_query({{"after", ""}, {"before", ""}}));
  EXPECT_FALSE(empty.after.has_value());
  EXPECT_FALSE(empty.before.has_value());
}

TEST(ListParams, UnknownCursorBecomesA400NamingTheParam) {
  expect_api_error(
      thrown_api_error([] { throw_unknown_cursor(mock::core::UnknownCursor{"after", "asst_x"}); }),
      400, "Invalid 'after': no object with id 'asst_x' in this list.", "after", "invalid_value");
  EXPECT_EQ(
      thrown_api_error([] { throw_unknown_cursor(mock::core::UnknownCursor{"before", "b"}); })
          .param(),
      "before");
}

}  // namespace
