#include "mock/assistants/model/status.hpp"

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {
using namespace mock::assistants;

constexpr RunStatus k_all_run_statuses[] = {
    RunStatus::queued,    RunStatus::in_progress, RunStatus::requires_action,
    RunStatus::cancelling, RunStatus::cancelled,  RunStatus::failed,
    RunStatus::completed, RunStatus::incomplete,  RunStatus::expired};

TEST(RunStatus, WireNamesAreTheNineV2Statuses) {
  std::set<std::string> names;
  for (const RunStatus status : k_all_run_statuses) names.emplace(to_string(status));
  EXPECT_EQ(names, (std::set<std::string>{"queued", "in_progress", "requires_action",
                                          "cancelling", "cancelled", "failed", "completed",
                                          "incomplete", "expired"}));
}

TEST(RunStatus, ParseRoundTripsEveryStatus) {
  for (const RunStatus status : k_all_run_statuses) {
    EXPECT_EQ(parse_run_status(to_string(status)), status) << to_string(status);
  }
}

TEST(RunStatus, ParseRefusesUnknownText) {
  for (const char* text : {"", "Queued", "done", "in-progress", "canceled", " queued"}) {
    EXPECT_FALSE(parse_run_status(text).has_value()) << text;
  }
}

TEST(RunStatus, ActiveStatusesHoldTheThread) {
  // FACTS.md §9.1: queued, in_progress, requires_action and cancelling are "active".
  const std::set<RunStatus> active = {RunStatus::queued, RunStatus::in_progress,
                                      RunStatus::requires_action, RunStatus::cancelling};
  for (const RunStatus status : k_all_run_statuses) {
    EXPECT_EQ(is_active(status), active.count(status) == 1) << to_string(status);
  }
}

TEST(RunStatus, TerminalStatusesAreTheFiveFinalOnes) {
  // FACTS.md §4: cancelled, failed, completed, expired, incomplete.
  const std::set<RunStatus> terminal = {RunStatus::cancelled, RunStatus::failed,
                                        RunStatus::completed, RunStatus::expired,
                                        RunStatus::incomplete};
  for (const RunStatus status : k_all_run_statuses) {
    EXPECT_EQ(is_terminal(status), terminal.count(status) == 1) << to_string(status);
    EXPECT_NE(is_terminal(status), is_active(status)) << to_string(status);
  }
}

TEST(StepStatus, WireNames) {
  EXPECT_EQ(to_string(StepStatus::in_progress), "in_progress");
  EXPECT_EQ(to_string(StepStatus::cancelled), "cancelled");
  EXPECT_EQ(to_string(StepStatus::failed), "failed");
  EXPECT_EQ(to_string(StepStatus::completed), "completed");
  EXPECT_EQ(to_string(StepStatus::expired), "expired");
}

TEST(MessageStatus, WireNames) {
  EXPECT_EQ(to_string(MessageStatus::in_progress), "in_progress");
  EXPECT_EQ(to_string(MessageStatus::incomplete), "incomplete");
  EXPECT_EQ(to_string(MessageStatus::completed), "completed");
}

TEST(StepTypeAndRole, WireNames) {
  EXPECT_EQ(to_string(StepType::message_creation), "message_creation");
  EXPECT_EQ(to_string(StepType::tool_calls), "tool_calls");
  EXPECT_EQ(to_string(Role::user), "user");
  EXPECT_EQ(to_string(Role::assistant), "assistant");
}

TEST(Role, ParseRoundTripsAndRefusesOtherText) {
  for (const Role role : {Role::user, Role::assistant}) EXPECT_EQ(parse_role(to_string(role)), role);
  for (const char* text : {"", "User", "system", "tool", "assistant "}) {
    EXPECT_FALSE(parse_role(text).has_value()) << text;
  }
}

TEST(Role, NamesAreTheWireSpellingsInDocumentedOrder) {
  EXPECT_EQ(role_names(), (std::vector<std::string>{"user", "assistant"}));
  for (const std::string& name : role_names()) {
    ASSERT_TRUE(parse_role(name).has_value()) << name;
    EXPECT_EQ(to_string(*parse_role(name)), name);
  }
}

}  // namespace
