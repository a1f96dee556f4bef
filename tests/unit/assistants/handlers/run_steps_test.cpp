// Run step handlers through the route table, on a ManualClock and seeded ids.
#include <string>

#include <gtest/gtest.h>

#include "tests/support/assistants_harness.hpp"

namespace {
using mock::Json;
using tests::support::AssistantsHarness;

TEST(RunStepsHandlers, MessageCreationStepPointsAtTheReply) {
  AssistantsHarness harness(1000);
  auto assistant = harness.create_assistant();
  auto thread = harness.create_thread();
  harness.add_message(thread, "hi");
  const std::string run =
      harness.post("/v1/threads/" + thread + "/runs", Json{{"assistant_id", assistant}}).id();
  const std::string steps_path = "/v1/threads/" + thread + "/runs/" + run + "/steps";

  EXPECT_EQ(harness.get(steps_path).json["data"], Json::array());  // queued: no steps yet
  harness.advance_ms(2000);
  Json list = harness.get(steps_path).json;
  ASSERT_EQ(list["data"].size(), 1U);
  EXPECT_EQ(list["data"][0]["status"], "in_progress");

  harness.advance_ms(10'000);
  list = harness.get(steps_path).json;
  ASSERT_EQ(list["data"].size(), 1U);
  Json step = list["data"][0];
  EXPECT_EQ(step["object"], "thread.run.step");
  EXPECT_EQ(step["type"], "message_creation");
  EXPECT_EQ(step["status"], "completed");
  EXPECT_EQ(step["run_id"], run);
  EXPECT_EQ(step["thread_id"], thread);
  EXPECT_EQ(step["assistant_id"], assistant);
  EXPECT_TRUE(step["usage"].is_object());

  Json reply = harness.get("/v1/threads/" + thread + "/messages?run_id=" + run).json["data"][0];
  EXPECT_EQ(step["step_details"]["message_creation"]["message_id"], reply["id"]);

  auto one = harness.get(steps_path + "/" + step["id"].get<std::string>());
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.json, step);
}

TEST(RunStepsHandlers, UnknownAndWrongPrefix) {
  AssistantsHarness harness(1000);
  auto assistant = harness.create_assistant();
  auto thread = harness.create_thread();
  const std::string run =
      harness.post("/v1/threads/" + thread + "/runs", Json{{"assistant_id", assistant}}).id();
  const std::string steps_path = "/v1/threads/" + thread + "/runs/" + run + "/steps";
  auto missing = harness.get(steps_path + "/step_missing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.error()["message"], "No run step found with id 'step_missing'.");
  EXPECT_EQ(harness.get(steps_path + "/msg_x").error()["param"], "step_id");
  EXPECT_EQ(harness.get("/v1/threads/" + thread + "/runs/run_missing/steps").status, 404);
  EXPECT_EQ(harness.get(steps_path + "?limit=0").error()["param"], "limit");
}

}  // namespace
