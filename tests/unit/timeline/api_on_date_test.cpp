#include "timeline/api_on_date.hpp"

#include <gtest/gtest.h>

namespace timeline {
namespace {

CalendarDate day(const char* text) { return *parse_date(text); }

TEST(ApiOnDate, PathsBelongToTheirFamilyByWholeSegment) {
  EXPECT_EQ(surface_of("/v1/assistants"), Surface::assistants);
  EXPECT_EQ(surface_of("/v1/assistants/asst_1/files/file-1"), Surface::assistants);
  EXPECT_EQ(surface_of("/v1/threads/runs"), Surface::assistants);
  EXPECT_EQ(surface_of("/v1/threads/t/runs/r/steps?limit=2"), Surface::assistants);
  EXPECT_EQ(surface_of("/v1/vector_stores/vs_1/files"), Surface::vector_stores);
  EXPECT_EQ(surface_of("/v1/files/file-1/content"), Surface::files);
  EXPECT_EQ(surface_of("/v1/responses/resp_1/input_items"), Surface::responses);
  EXPECT_EQ(surface_of("/v1/conversations/conv_1/items"), Surface::conversations);
  EXPECT_EQ(surface_of("/v1/threadsX"), Surface::other);
  EXPECT_EQ(surface_of("/v1/chat/completions"), Surface::other);
  EXPECT_EQ(surface_of("/__admin/state"), Surface::other);
}

// Walks the table: each event that opens or closes a family flips it on exactly its day.
TEST(ApiOnDate, EachFamilyOpensAndClosesOnItsEventsDay) {
  struct Boundary {
    Surface surface;
    ApiEvent event;
    bool served_from_then;
  };
  for (const Boundary& b : {Boundary{Surface::assistants, ApiEvent::assistants_launch, true},
                            Boundary{Surface::assistants, ApiEvent::assistants_sunset, false},
                            Boundary{Surface::vector_stores, ApiEvent::v2_launch, true},
                            Boundary{Surface::responses, ApiEvent::responses_launch, true},
                            Boundary{Surface::conversations, ApiEvent::conversations_launch, true}}) {
    const CalendarDate on = event_row(b.event).date;
    EXPECT_EQ(surface_served(b.surface, on), b.served_from_then) << to_string(on);
    EXPECT_EQ(surface_served(b.surface, previous_day(on)), !b.served_from_then) << to_string(on);
  }
}

TEST(ApiOnDate, AfterTheSunsetFilesVectorStoresResponsesAndConversationsStay) {
  const CalendarDate after = day("2026-09-01");
  EXPECT_FALSE(surface_served(Surface::assistants, after));
  EXPECT_TRUE(surface_served(Surface::vector_stores, after));
  EXPECT_TRUE(surface_served(Surface::files, after));
  EXPECT_TRUE(surface_served(Surface::responses, after));
  EXPECT_TRUE(surface_served(Surface::conversations, after));
  EXPECT_TRUE(surface_served(Surface::files, day("2020-01-01")));
}

TEST(ApiOnDate, BetaVersionsByDate) {
  EXPECT_EQ(beta_verdict(BetaVersion::v1, day("2023-12-15")), BetaVerdict::accepted);
  EXPECT_EQ(beta_verdict(BetaVersion::v2, day("2023-12-15")), BetaVerdict::not_yet);
  EXPECT_EQ(beta_verdict(BetaVersion::v2, day("2024-04-16")), BetaVerdict::not_yet);
  EXPECT_EQ(beta_verdict(BetaVersion::v2, day("2024-04-17")), BetaVerdict::accepted);
  EXPECT_EQ(beta_verdict(BetaVersion::v1, day("2024-06-01")), BetaVerdict::accepted);
  EXPECT_EQ(beta_verdict(BetaVersion::v1, day("2025-01-01")), BetaVerdict::shut_down);
  EXPECT_EQ(beta_verdict(BetaVersion::v2, day("2025-01-01")), BetaVerdict::accepted);
  const CalendarDate shutdown = event_row(ApiEvent::v1_shutdown).date;
  EXPECT_EQ(beta_verdict(BetaVersion::v1, previous_day(shutdown)), BetaVerdict::accepted);
  EXPECT_EQ(beta_verdict(BetaVersion::v1, shutdown), BetaVerdict::shut_down);
}

TEST(ApiOnDate, TheAssistantsVersionAmongOtherBetaFeatures) {
  EXPECT_EQ(assistants_beta_value("assistants=v1"), "v1");
  EXPECT_EQ(assistants_beta_value(" realtime=v1 , assistants=v2 "), "v2");
  EXPECT_EQ(assistants_beta_value("assistants=v3"), "v3");
  EXPECT_EQ(assistants_beta_value("realtime=v1"), "");
  EXPECT_EQ(assistants_beta_value(""), "");
}

TEST(ApiOnDate, MigrationMappingOfEachAssistantsResource) {
  const auto resource = [](const char* path) {
    const auto r = replacement_for(path);
    return r ? std::string(r->resource) + " -> " + std::string(r->replaced_by) : std::string("none");
  };
  EXPECT_EQ(resource("/v1/assistants"), "assistant -> prompt (dashboard) or model, instructions and tools on each response");
  EXPECT_EQ(resource("/v1/assistants/asst_1"), resource("/v1/assistants"));
  EXPECT_EQ(resource("/v1/threads"), "thread -> conversation (/v1/conversations)");
  EXPECT_EQ(resource("/v1/threads/t_1"), resource("/v1/threads"));
  EXPECT_EQ(resource("/v1/threads/t_1/messages/m_1"), "message -> conversation item (/v1/conversations/{id}/items)");
  EXPECT_EQ(resource("/v1/threads/runs"), "run -> response (POST /v1/responses)");
  EXPECT_EQ(resource("/v1/threads/t_1/runs/r_1/submit_tool_outputs"), resource("/v1/threads/runs"));
  EXPECT_EQ(resource("/v1/threads/t_1/runs/r_1/steps/s_1"), "run step -> output item of a response");
  EXPECT_EQ(resource("/v1/assistants/a/files"), "assistant file -> file_search / code_interpreter tools on each response");
  EXPECT_EQ(resource("/v1/threads/t/messages/m/files"), "message file -> input_file content or file_search tool");
  EXPECT_EQ(resource("/v1/files"), "none");
  EXPECT_EQ(resource("/v1/vector_stores"), "none");
}

}  // namespace
}  // namespace timeline
