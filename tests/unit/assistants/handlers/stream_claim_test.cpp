// Routes that may stream: the run handlers claim a stream (ApiRequest::claim_stream) once
// they have read the request and only when it asks for a stream, and a refused claim
// leaves no run behind. The server's side (slots, the 429) is tests/hostile's.
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "http/api_error.hpp"
#include "tests/support/assistants_harness.hpp"

namespace {
using mock::Json;
using tests::support::AssistantsHarness;

TEST(StreamClaim, OnlyRunCreationAndToolOutputsMayStream) {
  AssistantsHarness harness;
  std::set<std::string> streaming;
  for (const auto& route : harness.routes().routes()) {
    if (route.streaming == mock::http::Streaming::may_stream) streaming.insert(route.name);
  }
  EXPECT_EQ(streaming, (std::set<std::string>{"runs.create", "runs.create_thread_and_run",
                                              "runs.submit_tool_outputs"}));
}

class StreamClaimRuns : public ::testing::Test {
protected:
  void SetUp() override {
    assistant = harness.create_assistant();
    thread = harness.create_thread();
    harness.add_message(thread, "Hi");
  }

  // A POST through the route table with a claim that counts its calls and, with
  // `refuse`, throws as the server does when no stream slot is free.
  int claims_for(const std::string& path, const Json& body, bool refuse = false,
                 int* status = nullptr) {
    mock::http::ApiRequest request;
    request.method = "POST";
    request.path = path;
    request.headers.emplace("Authorization", "Bearer sk-test");
    request.headers.emplace("OpenAI-Beta", "assistants=v2");
    request.body = body.dump();
    int claims = 0;
    request.claim_stream = [&claims, refuse] {
      ++claims;
      if (refuse) {
        throw mock::http::ApiError(429, "no stream slot", "requests", std::nullopt,
                                   "too_many_streams");
      }
    };
    int answer = 0;
    try {
      const mock::http::Route& route = harness.routes().match(request);
      answer = route.handler(request).status;
    } catch (const mock::http::ApiError& error) {
      answer = error.to_response().status;
    }
    if (status != nullptr) *status = answer;
    return claims;
  }
  std::string runs_path() const { return "/v1/threads/" + thread + "/runs"; }

  AssistantsHarness harness;
  std::string assistant;
  std::string thread;
};

TEST_F(StreamClaimRuns, AStreamingRunClaimsOnceAndAPlainRunNever) {
  int status = 0;
  EXPECT_EQ(claims_for(runs_path(), Json{{"assistant_id", assistant}}, false, &status), 0);
  EXPECT_EQ(status, 200);
  harness.advance_ms(60'000);  // the first run ends, so the thread takes another
  harness.get(runs_path());
  const Json streaming = {{"assistant_id", assistant}, {"stream", true}};
  EXPECT_EQ(claims_for(runs_path(), streaming, false, &status), 1);
  EXPECT_EQ(status, 200);
  EXPECT_EQ(claims_for("/v1/threads/runs", streaming), 1);
  EXPECT_EQ(claims_for("/v1/threads/runs", Json{{"assistant_id", assistant}, {"stream", false}}),
            0);
}

TEST_F(StreamClaimRuns, ABadRequestIsRefusedBeforeAnyClaim) {
  int status = 0;
  EXPECT_EQ(claims_for(runs_path(), Json{{"stream", true}}, false, &status), 0);
  EXPECT_EQ(status, 400);
}

TEST_F(StreamClaimRuns, ARefusedClaimCreatesNoRun) {
  const Json streaming = {{"assistant_id", assistant}, {"stream", true}};
  int status = 0;
  EXPECT_EQ(claims_for(runs_path(), streaming, true, &status), 1);
  EXPECT_EQ(status, 429);
  EXPECT_EQ(harness.get(runs_path()).json["data"].size(), 0U);
  EXPECT_EQ(claims_for("/v1/threads/runs", streaming, true, &status), 1);
  EXPECT_EQ(status, 429);
}

}  // namespace
