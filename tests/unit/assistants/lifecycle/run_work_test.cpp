#include "mock/assistants/lifecycle/run_work.hpp"

#include <string>

#include <gtest/gtest.h>

namespace {
using mock::Json;
using namespace mock::assistants;

struct Fixture {
  mock::core::IdGenerator ids{3};
  Thread thread;
  mock::assistants::Run run;
  Fixture() {
    thread.id = "thread_w";
    run.id = "run_w";
    run.thread_id = thread.id;
    run.assistant_id = "asst_w";
  }
};

TEST(RunWork, UsageJsonSumsTheTotal) {
  EXPECT_EQ(work::usage_json(10, 5),
            (Json{{"prompt_tokens", 10}, {"completion_tokens", 5}, {"total_tokens", 15}}));
}

TEST(RunWork, OpenStepAndMessageBecomeTheCurrentOnes) {
  Fixture f;
  EXPECT_EQ(work::current_step(f.run), nullptr);
  EXPECT_EQ(work::current_message(f.thread, f.run), nullptr);
  RunStep& step = work::open_step(f.run, StepType::tool_calls, Json{{"type", "tool_calls"}}, 100, f.ids);
  Message& message = work::open_message(f.thread, f.run, 100, f.ids);
  EXPECT_EQ(work::current_step(f.run), &step);
  EXPECT_EQ(work::current_message(f.thread, f.run), &message);
  EXPECT_EQ(step.status, StepStatus::in_progress);
  EXPECT_EQ(step.thread_id, "thread_w");
  EXPECT_EQ(step.assistant_id, "asst_w");
  EXPECT_EQ(message.role, Role::assistant);
  EXPECT_EQ(message.status, MessageStatus::in_progress);
  EXPECT_EQ(message.run_id, "run_w");
}

TEST(RunWork, CompleteStepStampsItAndClosesIt) {
  Fixture f;
  RunStep& step = work::open_step(f.run, StepType::message_creation, Json::object(), 100, f.ids);
  work::complete_step(f.run, 105, work::usage_json(1, 2));
  EXPECT_EQ(step.status, StepStatus::completed);
  EXPECT_EQ(step.completed_at, 105);
  EXPECT_EQ(step.usage["total_tokens"], 3);
  EXPECT_EQ(work::current_step(f.run), nullptr);
}

TEST(RunWork, CloseOpenWorkGivesEachEndingItsMark) {
  const std::pair<RunStatus, StepStatus> endings[] = {{RunStatus::cancelled, StepStatus::cancelled},
                                                      {RunStatus::expired, StepStatus::expired},
                                                      {RunStatus::failed, StepStatus::failed}};
  for (const auto& [ending, step_status] : endings) {
    Fixture f;
    RunStep& step = work::open_step(f.run, StepType::message_creation, Json::object(), 100, f.ids);
    Message& message = work::open_message(f.thread, f.run, 100, f.ids);
    f.run.last_error = Json{{"code", "server_error"}, {"message", "boom"}};
    work::close_open_work(f.thread, f.run, ending, 107);
    EXPECT_EQ(step.status, step_status) << to_string(ending);
    EXPECT_EQ(message.status, MessageStatus::incomplete);
    EXPECT_EQ(message.incomplete_at, 107);
    const std::string reason = ending == RunStatus::cancelled ? "run_cancelled"
                               : ending == RunStatus::expired ? "run_expired"
                                                              : "run_failed";
    EXPECT_EQ(message.incomplete_details, (Json{{"reason", reason}}));
    EXPECT_EQ(work::current_step(f.run), nullptr);
    EXPECT_EQ(work::current_message(f.thread, f.run), nullptr);
    EXPECT_FALSE(f.run.progress.action_open);
  }
}

TEST(RunWork, FailedStepCopiesTheErrorWithoutInvalidPrompt) {
  Fixture f;
  RunStep& step = work::open_step(f.run, StepType::tool_calls, Json::object(), 100, f.ids);
  f.run.last_error = Json{{"code", "invalid_prompt"}, {"message", "bad"}};
  work::close_open_work(f.thread, f.run, RunStatus::failed, 101);
  EXPECT_EQ(step.failed_at, 101);
  // A step's last_error.code has no invalid_prompt (FACTS.md §3.3).
  EXPECT_EQ(step.last_error, (Json{{"code", "server_error"}, {"message", "bad"}}));
}

TEST(RunWork, CloseWithNothingOpenIsHarmless) {
  Fixture f;
  work::close_open_work(f.thread, f.run, RunStatus::cancelled, 1);
  EXPECT_EQ(f.thread.messages.size(), 0U);
}

}  // namespace
