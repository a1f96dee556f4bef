#include "mock/assistants/lifecycle/work_transitions.hpp"

#include <map>
#include <optional>
#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace {
using mock::assistants::MessageEvent;
using mock::assistants::MessageStatus;
using mock::assistants::next_status;
using mock::assistants::StepEvent;
using mock::assistants::StepStatus;

constexpr StepStatus k_step_statuses[] = {StepStatus::in_progress, StepStatus::cancelled,
                                          StepStatus::failed, StepStatus::completed,
                                          StepStatus::expired};
constexpr StepEvent k_step_events[] = {StepEvent::complete, StepEvent::fail, StepEvent::cancel,
                                       StepEvent::expire};
constexpr MessageStatus k_message_statuses[] = {MessageStatus::in_progress, MessageStatus::incomplete,
                                                MessageStatus::completed};
constexpr MessageEvent k_message_events[] = {MessageEvent::complete, MessageEvent::cut_off};

// FACTS.md §4: a step goes in_progress, then completed, failed, cancelled or expired; a message
// completed or incomplete. Every ending leaves in_progress, and nothing leaves an ending.
const std::map<std::pair<StepStatus, StepEvent>, StepStatus> k_legal_steps = {
    {{StepStatus::in_progress, StepEvent::complete}, StepStatus::completed},
    {{StepStatus::in_progress, StepEvent::fail}, StepStatus::failed},
    {{StepStatus::in_progress, StepEvent::cancel}, StepStatus::cancelled},
    {{StepStatus::in_progress, StepEvent::expire}, StepStatus::expired},
};
const std::map<std::pair<MessageStatus, MessageEvent>, MessageStatus> k_legal_messages = {
    {{MessageStatus::in_progress, MessageEvent::complete}, MessageStatus::completed},
    {{MessageStatus::in_progress, MessageEvent::cut_off}, MessageStatus::incomplete},
};

std::string name(StepStatus s) { return std::string(mock::assistants::to_string(s)); }
std::string name(StepEvent e) { return std::string(mock::assistants::to_string(e)); }
std::string name(MessageStatus s) { return std::string(mock::assistants::to_string(s)); }
std::string name(MessageEvent e) { return std::string(mock::assistants::to_string(e)); }

TEST(StepTransitions, EveryStatusAndEventAsTheReferenceTableSays) {
  for (const StepStatus from : k_step_statuses) {
    for (const StepEvent event : k_step_events) {
      const auto legal = k_legal_steps.find({from, event});
      const std::optional<StepStatus> expected =
          legal == k_legal_steps.end() ? std::nullopt : std::optional(legal->second);
      EXPECT_EQ(next_status(from, event), expected) << name(from) << " + " << name(event);
    }
  }
}

TEST(MessageTransitions, EveryStatusAndEventAsTheReferenceTableSays) {
  for (const MessageStatus from : k_message_statuses) {
    for (const MessageEvent event : k_message_events) {
      const auto legal = k_legal_messages.find({from, event});
      const std::optional<MessageStatus> expected =
          legal == k_legal_messages.end() ? std::nullopt : std::optional(legal->second);
      EXPECT_EQ(next_status(from, event), expected) << name(from) << " + " << name(event);
    }
  }
}

TEST(WorkTransitions, EventsHaveDistinctNames) {
  EXPECT_EQ(name(StepEvent::complete), "complete");
  EXPECT_EQ(name(StepEvent::fail), "fail");
  EXPECT_EQ(name(StepEvent::cancel), "cancel");
  EXPECT_EQ(name(StepEvent::expire), "expire");
  EXPECT_EQ(name(MessageEvent::complete), "complete");
  EXPECT_EQ(name(MessageEvent::cut_off), "cut_off");
}

}  // namespace
