#include "mock/assistants/lifecycle/run_transitions.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace {
using mock::assistants::next_status;
using mock::assistants::RunEvent;
using mock::assistants::RunStatus;
using S = RunStatus;
using E = RunEvent;

constexpr RunStatus k_statuses[] = {S::queued,    S::in_progress, S::requires_action,
                                    S::cancelling, S::cancelled,  S::failed,
                                    S::completed, S::incomplete,  S::expired};
constexpr RunEvent k_events[] = {E::start,  E::require_action, E::submit_tool_outputs,
                                 E::complete, E::fail,         E::hit_token_limit,
                                 E::cancel, E::finish_cancel,  E::expire};

// FACTS.md §4 "Transition table for the mock", one line per (from, event) -> to.
const std::map<std::pair<RunStatus, RunEvent>, RunStatus> k_legal = {
    {{S::queued, E::start}, S::in_progress},
    {{S::in_progress, E::require_action}, S::requires_action},
    {{S::requires_action, E::submit_tool_outputs}, S::queued},
    {{S::in_progress, E::complete}, S::completed},
    {{S::in_progress, E::fail}, S::failed},
    {{S::in_progress, E::hit_token_limit}, S::incomplete},
    {{S::queued, E::cancel}, S::cancelling},
    {{S::in_progress, E::cancel}, S::cancelling},
    {{S::requires_action, E::cancel}, S::cancelling},
    {{S::cancelling, E::finish_cancel}, S::cancelled},
    {{S::queued, E::expire}, S::expired},
    {{S::in_progress, E::expire}, S::expired},
    {{S::requires_action, E::expire}, S::expired},
};

std::string name(RunStatus status) { return std::string(mock::assistants::to_string(status)); }
std::string name(RunEvent event) { return std::string(mock::assistants::to_string(event)); }

// The table test below is only as good as the two lists: a status or event added to the code
// and not here would go unchecked. Enumerators are dense from 0, and to_string names each
// one, so every value that has a name must be in the lists.
TEST(RunTransitions, TheListsHoldEveryStatusAndEventTheCodeNames) {
  constexpr int k_probe = 64;
  for (int value = 0; value < k_probe; ++value) {
    const auto status = static_cast<RunStatus>(value);
    if (name(status) != "unknown") {
      EXPECT_NE(std::find(std::begin(k_statuses), std::end(k_statuses), status), std::end(k_statuses))
          << "status " << name(status) << " is missing from k_statuses";
    }
    const auto event = static_cast<RunEvent>(value);
    if (name(event) != "unknown") {
      EXPECT_NE(std::find(std::begin(k_events), std::end(k_events), event), std::end(k_events))
          << "event " << name(event) << " is missing from k_events";
    }
  }
}

TEST(RunTransitions, EveryStatusEventPairIsLegalExactlyAsTheTableSays) {
  std::set<std::pair<RunStatus, RunEvent>> legal_seen;
  for (const RunStatus from : k_statuses) {
    for (const RunEvent event : k_events) {
      const auto it = k_legal.find({from, event});
      const std::optional<RunStatus> to = next_status(from, event);
      if (it == k_legal.end()) {
        EXPECT_FALSE(to.has_value())
            << name(from) << " --" << name(event) << "--> " << name(*to) << " should be illegal";
      } else {
        legal_seen.insert({from, event});
        ASSERT_TRUE(to.has_value()) << name(from) << " --" << name(event) << "--> should be legal";
        EXPECT_EQ(*to, it->second) << name(from) << " --" << name(event) << "-->";
      }
    }
  }
  // Every line of the reference table names a status and an event of the lists.
  EXPECT_EQ(legal_seen.size(), k_legal.size());
}

TEST(RunTransitions, TerminalStatusesHaveNoWayOut) {
  for (const RunStatus from : {S::cancelled, S::failed, S::completed, S::incomplete, S::expired}) {
    for (const RunEvent event : k_events) {
      EXPECT_FALSE(next_status(from, event).has_value()) << name(from) << " + " << name(event);
    }
  }
}

TEST(RunTransitions, CancelWorksFromEveryActiveStatusButCancelling) {
  for (const RunStatus from : k_statuses) {
    const bool expected = from == S::queued || from == S::in_progress || from == S::requires_action;
    EXPECT_EQ(next_status(from, E::cancel).has_value(), expected) << name(from);
  }
}

TEST(RunTransitions, CancellingEndsOnlyInCancelled) {
  // FACTS.md §4 allows a cancel to lose the race (cancelling -> completed/failed); the mock's
  // table lets the cancel always win, and cancelling runs do not expire.
  for (const RunEvent event : k_events) {
    const auto to = next_status(S::cancelling, event);
    if (event == E::finish_cancel) {
      EXPECT_EQ(to, S::cancelled);
    } else {
      EXPECT_FALSE(to.has_value()) << name(event);
    }
  }
}

TEST(RunTransitions, EventNamesAreDistinct) {
  std::set<std::string> names;
  for (const RunEvent event : k_events) names.insert(name(event));
  EXPECT_EQ(names.size(), 9U);
  EXPECT_EQ(names.count("unknown"), 0U);
  EXPECT_EQ(name(E::submit_tool_outputs), "submit_tool_outputs");
  EXPECT_EQ(name(E::finish_cancel), "finish_cancel");
}

TEST(RunTransitions, EveryStatusIsReachableFromQueued) {
  std::set<RunStatus> reached = {S::queued};
  bool grew = true;
  while (grew) {
    grew = false;
    for (const RunStatus from : k_statuses) {
      if (reached.count(from) == 0) continue;
      for (const RunEvent event : k_events) {
        const auto to = next_status(from, event);
        if (to && reached.insert(*to).second) grew = true;
      }
    }
  }
  for (const RunStatus status : k_statuses) {
    EXPECT_EQ(reached.count(status), 1U) << name(status) << " is unreachable";
  }
}

}  // namespace
