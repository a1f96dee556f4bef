#include "contracts/as_of_check.hpp"

#include <gtest/gtest.h>

#include "contracts/as_of_report.hpp"

namespace contracts {
namespace {

timeline::CalendarDate day(const char* text) { return *timeline::parse_date(text); }

ObservedResponse exchange(const char* method, const char* path, const char* beta, nlohmann::json body) {
  ObservedResponse out;
  out.origin = "t.json #1";
  out.method = method;
  out.path = path;
  out.api_version = beta;
  out.body = std::move(body);
  return out;
}

TEST(AsOfCheck, AfterTheSunsetAnAssistantsCallIsGoneWithItsReplacement) {
  const auto findings = findings_for(exchange("POST", "/v1/threads/thread_1/messages?x=1", "assistants=v2", {}), day("2026-08-26"));
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].kind, AsOfKind::route_gone);
  EXPECT_TRUE(findings[0].breaks);
  EXPECT_EQ(findings[0].answer, "404 Invalid URL (POST /v1/threads/thread_1/messages)");
  EXPECT_EQ(findings[0].replacement, "message -> conversation item (/v1/conversations/{id}/items)");
  EXPECT_TRUE(findings_for(exchange("POST", "/v1/files", "", {}), day("2026-09-01")).empty());
  EXPECT_TRUE(findings_for(exchange("GET", "/v1/threads/thread_1", "assistants=v2", {}), day("2026-08-25")).empty());
}

TEST(AsOfCheck, BeforeItsLaunchARouteIsNotLaunchedWithoutAMigration) {
  const auto findings = findings_for(exchange("POST", "/v1/responses", "", {}), day("2025-01-01"));
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].kind, AsOfKind::not_launched);
  EXPECT_TRUE(findings[0].replacement.empty());
}

TEST(AsOfCheck, V1AfterItsShutdownIsRefusedAndPointsToV2) {
  const auto findings = findings_for(exchange("GET", "/v1/assistants", "assistants=v1", {}), day("2024-12-18"));
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].kind, AsOfKind::refused);
  EXPECT_NE(findings[0].replacement.find("assistants=v2"), std::string::npos);
  EXPECT_TRUE(findings_for(exchange("GET", "/v1/assistants", "assistants=v1", {}), day("2024-12-17")).empty());
}

TEST(AsOfCheck, V1FieldsTheDateDidNotHaveBreakAndFieldsItGainedAreNotes) {
  const nlohmann::json run = {{"object", "thread.run"}, {"id", "run_1"}, {"usage", nullptr}};
  const auto early = findings_for(exchange("GET", "/v1/threads/t/runs/run_1", "assistants=v1", run), day("2023-12-15"));
  ASSERT_EQ(early.size(), 1U);  // every later run field is later than the date: none is missing
  EXPECT_EQ(early[0].kind, AsOfKind::field_not_yet);
  EXPECT_TRUE(early[0].breaks);
  EXPECT_EQ(early[0].answer, "thread.run without usage");

  const nlohmann::json list = {{"object", "list"}, {"data", {{{"object", "thread.message"}, {"id", "m"}}}}};
  const auto later = findings_for(exchange("GET", "/v1/threads/t/messages", "assistants=v1", list), day("2024-03-27"));
  ASSERT_EQ(later.size(), 1U);
  EXPECT_EQ(later[0].answer, "thread.message with status, incomplete_details, completed_at, incomplete_at");
  EXPECT_FALSE(later[0].breaks);
}

TEST(AsOfReport, CallsAreListedWithoutTheirIds) {
  EXPECT_EQ(call_template("GET /v1/threads/thread_abc/runs/run_1/steps"), "GET /v1/threads/{id}/runs/{id}/steps");
  EXPECT_EQ(call_template("POST /v1/threads/runs"), "POST /v1/threads/runs");
  EXPECT_EQ(call_template("DELETE /v1/assistants/asst_1/files/file-abc"), "DELETE /v1/assistants/{id}/files/{id}");
}

}  // namespace
}  // namespace contracts
