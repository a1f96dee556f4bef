#include "http/route_table.hpp"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/api_error.hpp"

namespace {
using mock::http::ApiError;
using mock::http::ApiRequest;
using mock::http::ApiResponse;
using mock::http::RouteTable;
using mock::http::split_path;
using ::testing::ElementsAre;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

mock::http::Handler named(const std::string& name) {
  return [name](ApiRequest&) {
    ApiResponse response;
    response.body = name;
    return response;
  };
}

ApiRequest request(const std::string& method, const std::string& path) {
  ApiRequest out;
  out.method = method;
  out.path = path;
  return out;
}

// A slice of the Assistants table, registered captures-first on purpose.
RouteTable threads_table(bool literal_first) {
  RouteTable table;
  if (literal_first) table.add("POST", "/v1/threads/runs", "runs.create_thread_and_run", named("thread_and_run"));
  table.add("POST", "/v1/threads", "threads.create", named("create_thread"));
  table.add("GET", "/v1/threads/{thread_id}", "threads.retrieve", named("retrieve_thread"));
  table.add("POST", "/v1/threads/{thread_id}", "threads.modify", named("modify_thread"));
  if (!literal_first) table.add("POST", "/v1/threads/runs", "runs.create_thread_and_run", named("thread_and_run"));
  table.add("POST", "/v1/threads/{thread_id}/runs", "runs.create", named("create_run"));
  table.add("GET", "/v1/threads/{thread_id}/runs/{run_id}", "runs.retrieve", named("retrieve_run"));
  return table;
}

std::string dispatch(const RouteTable& table, ApiRequest& req) {
  return table.match(req).handler(req).body;
}

ApiError refusal(const RouteTable& table, ApiRequest req) {
  try {
    table.match(req);
  } catch (const ApiError& error) {
    return error;
  }
  ADD_FAILURE() << req.method << " " << req.path << " matched";
  return ApiError(0, "");
}

TEST(SplitPath, SplitsOnSlashesAfterTheLeadingOne) {
  EXPECT_THAT(split_path("/v1/threads/abc"), ElementsAre("v1", "threads", "abc"));
  EXPECT_THAT(split_path("v1/threads"), ElementsAre("v1", "threads"));
  EXPECT_THAT(split_path("/"), ElementsAre(""));
  EXPECT_THAT(split_path(""), ElementsAre(""));
  EXPECT_THAT(split_path("/v1/threads/"), ElementsAre("v1", "threads", ""));
  EXPECT_THAT(split_path("/v1//x"), ElementsAre("v1", "", "x"));
}

TEST(RouteTable, AddKeepsRoutesInOrderWithTheirSegments) {
  const RouteTable table = threads_table(true);
  ASSERT_EQ(table.routes().size(), 6U);
  EXPECT_EQ(table.routes()[0].name, "runs.create_thread_and_run");
  EXPECT_EQ(table.routes()[0].method, "POST");
  EXPECT_EQ(table.routes()[0].pattern, "/v1/threads/runs");
  EXPECT_THAT(table.routes()[5].segments, ElementsAre("v1", "threads", "{thread_id}", "runs", "{run_id}"));
}

TEST(RouteTable, LiteralSegmentBeatsCaptureWhateverTheOrder) {
  for (const bool literal_first : {true, false}) {
    const RouteTable table = threads_table(literal_first);
    ApiRequest req = request("POST", "/v1/threads/runs");
    EXPECT_EQ(dispatch(table, req), "thread_and_run") << "literal first: " << literal_first;
    EXPECT_EQ(table.match(req).name, "runs.create_thread_and_run");
    EXPECT_TRUE(req.path_params.empty());  // not "modify thread 'runs'"
  }
}

TEST(RouteTable, CaptureStillMatchesOtherIds) {
  const RouteTable table = threads_table(false);
  ApiRequest req = request("POST", "/v1/threads/thread_abc");
  EXPECT_EQ(dispatch(table, req), "modify_thread");
  EXPECT_THAT(req.path_params, ElementsAre(Pair("thread_id", "thread_abc")));
}

TEST(RouteTable, GetOfTheLiteralPathFallsToTheCaptureRoute) {
  // Only POST /v1/threads/runs exists; GET /v1/threads/runs is "retrieve thread 'runs'".
  const RouteTable table = threads_table(true);
  ApiRequest req = request("GET", "/v1/threads/runs");
  EXPECT_EQ(dispatch(table, req), "retrieve_thread");
  EXPECT_EQ(req.path_param("thread_id"), "runs");
}

TEST(RouteTable, FillsEveryCaptureAndReplacesStaleParams) {
  const RouteTable table = threads_table(true);
  ApiRequest req = request("GET", "/v1/threads/thread_1/runs/run_2");
  req.path_params.emplace("stale", "value");
  EXPECT_EQ(dispatch(table, req), "retrieve_run");
  EXPECT_THAT(req.path_params,
              UnorderedElementsAre(Pair("thread_id", "thread_1"), Pair("run_id", "run_2")));
}

TEST(RouteTable, CaptureTakesTheSegmentVerbatim) {
  const RouteTable table = threads_table(true);
  ApiRequest req = request("GET", "/v1/threads/thread%20x.y-z");
  EXPECT_EQ(dispatch(table, req), "retrieve_thread");
  EXPECT_EQ(req.path_param("thread_id"), "thread%20x.y-z");
}

TEST(RouteTable, UnknownPathIs404InvalidUrl) {
  const RouteTable table = threads_table(true);
  const ApiError error = refusal(table, request("GET", "/x"));
  EXPECT_EQ(error.status(), 404);
  EXPECT_STREQ(error.what(), "Invalid URL (GET /x)");
  EXPECT_EQ(error.type(), "invalid_request_error");
  EXPECT_FALSE(error.param().has_value());
  EXPECT_FALSE(error.code().has_value());
}

TEST(RouteTable, WrongSegmentCountsAndEmptyCapturesAre404) {
  const RouteTable table = threads_table(true);
  for (const char* path : {"/v1", "/v1/threads/a/b/c/d/e", "/v1/threads/", "/v1/threads//runs",
                           "/v1/threads/t/runs/", "/", "", "/v2/threads"}) {
    const ApiError error = refusal(table, request("GET", path));
    EXPECT_EQ(error.status(), 404) << path;
    EXPECT_EQ(std::string(error.what()), std::string("Invalid URL (GET ") + path + ")");
  }
}

TEST(RouteTable, KnownPathWithAnotherMethodIs405) {
  const RouteTable table = threads_table(true);
  const std::pair<const char*, const char*> cases[] = {{"PUT", "/v1/threads"},
                                                       {"DELETE", "/v1/threads/runs"},
                                                       {"GET", "/v1/threads/thread_1/runs"},
                                                       {"PATCH", "/v1/threads/thread_1"}};
  for (const auto& [method, path] : cases) {
    const ApiError error = refusal(table, request(method, path));
    EXPECT_EQ(error.status(), 405) << method << " " << path;
    EXPECT_EQ(std::string(error.what()),
              std::string("Method not allowed (") + method + " " + path + ")");
    EXPECT_EQ(error.type(), "invalid_request_error");
  }
}

TEST(RouteTable, MethodsAreCaseSensitive) {
  const RouteTable table = threads_table(true);
  EXPECT_EQ(refusal(table, request("post", "/v1/threads")).status(), 405);
}

TEST(RouteTable, EmptyTableAnswers404) {
  const RouteTable table;
  EXPECT_EQ(refusal(table, request("GET", "/v1/assistants")).status(), 404);
}

TEST(RouteTable, FewerCapturesWinAcrossPositions) {
  RouteTable table;
  table.add("GET", "/a/{x}/{y}", "two", named("two"));
  table.add("GET", "/a/b/{y}", "one", named("one"));
  table.add("GET", "/a/b/c", "zero", named("zero"));
  ApiRequest req = request("GET", "/a/b/c");
  EXPECT_EQ(dispatch(table, req), "zero");
  req = request("GET", "/a/b/q");
  EXPECT_EQ(dispatch(table, req), "one");
  req = request("GET", "/a/q/c");
  EXPECT_EQ(dispatch(table, req), "two");
}

TEST(RouteTable, SameCaptureCountKeepsTheFirstRegistered) {
  RouteTable table;
  table.add("GET", "/a/{x}", "first", named("first"));
  table.add("GET", "/a/{y}", "second", named("second"));
  ApiRequest req = request("GET", "/a/1");
  EXPECT_EQ(dispatch(table, req), "first");
}

}  // namespace
