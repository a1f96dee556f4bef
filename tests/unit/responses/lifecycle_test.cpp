// The response transition table, every status against every event, and the lazy advance of a
// background response on the clock.
#include <gtest/gtest.h>

#include "mock/responses/lifecycle.hpp"
#include "tests/support/api_error_matchers.hpp"

namespace {
using mock::responses::ResponseEvent;
using mock::responses::ResponseStatus;
using mock::responses::StoredResponse;
using mock::responses::next_status;

TEST(ResponseTransitions, EveryStatusAgainstEveryEvent) {
  using S = ResponseStatus;
  using E = ResponseEvent;
  struct Row {
    S from;
    E event;
    std::optional<S> to;
  };
  const Row rows[] = {
      {S::queued, E::start, S::in_progress},       {S::queued, E::complete, std::nullopt},
      {S::queued, E::fail, std::nullopt},          {S::queued, E::run_out, std::nullopt},
      {S::queued, E::cancel, S::cancelled},        {S::in_progress, E::start, std::nullopt},
      {S::in_progress, E::complete, S::completed}, {S::in_progress, E::fail, S::failed},
      {S::in_progress, E::run_out, S::incomplete}, {S::in_progress, E::cancel, S::cancelled},
      {S::cancelled, E::cancel, S::cancelled},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(next_status(row.from, row.event), row.to)
        << to_string(row.from) << " --" << static_cast<int>(row.event) << "-->";
  }
  for (const S terminal : {S::completed, S::failed, S::incomplete}) {
    for (const E event : {E::start, E::complete, E::fail, E::run_out, E::cancel}) {
      EXPECT_EQ(next_status(terminal, event), std::nullopt) << to_string(terminal);
    }
  }
}

StoredResponse background(ResponseStatus outcome) {
  StoredResponse response;
  response.background = true;
  response.status = ResponseStatus::queued;
  response.in_progress_due_ms = 1000;
  response.finish_due_ms = 2000;
  response.outcome.status = outcome;
  return response;
}

TEST(ResponseLifecycle, AdvancesAtTheDueTimesAndReportsTheEndOnce) {
  StoredResponse response = background(ResponseStatus::failed);
  int finished = 0;
  const auto on_finished = [&](StoredResponse&) { ++finished; };
  mock::responses::advance(response, 999, on_finished);
  EXPECT_EQ(response.status, ResponseStatus::queued);
  mock::responses::advance(response, 1000, on_finished);
  EXPECT_EQ(response.status, ResponseStatus::in_progress);
  EXPECT_TRUE(response.started);
  mock::responses::advance(response, 5000, on_finished);
  EXPECT_EQ(response.status, ResponseStatus::failed);
  EXPECT_FALSE(response.completed_at.has_value());
  mock::responses::advance(response, 6000, on_finished);
  EXPECT_EQ(finished, 1);

  StoredResponse late = background(ResponseStatus::completed);
  mock::responses::advance(late, 9000, on_finished);  // both transitions at once
  EXPECT_EQ(late.status, ResponseStatus::completed);
  EXPECT_EQ(late.completed_at, 2);  // stamped when it was due, not when it was seen
}

TEST(ResponseLifecycle, CancelRules) {
  StoredResponse response = background(ResponseStatus::completed);
  mock::responses::cancel(response);
  EXPECT_EQ(response.status, ResponseStatus::cancelled);
  mock::responses::cancel(response);  // idempotent
  EXPECT_EQ(response.status, ResponseStatus::cancelled);

  StoredResponse done = background(ResponseStatus::completed);
  mock::responses::advance(done, 9000, [](StoredResponse&) {});
  tests::support::expect_api_error(tests::support::thrown_api_error([&] { mock::responses::cancel(done); }), 400,
                                   "Cannot cancel a response with status 'completed'.", std::nullopt, std::nullopt);

  StoredResponse foreground;
  tests::support::expect_api_error(tests::support::thrown_api_error([&] { mock::responses::cancel(foreground); }),
                                   400, "Cannot cancel a synchronous response.", std::nullopt, std::nullopt);
}

}  // namespace
