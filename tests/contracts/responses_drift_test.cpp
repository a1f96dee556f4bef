// What the Responses contract reports: each kind of drift on a body (a new field, a missing
// one, a changed type, an unknown enum value or item type), on a stream (an unknown event type,
// a gap in sequence_number, deltas that do not add up), through the one-call entry point the
// server's tests use, and through `check` over a cassette.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "cassettes/sse.hpp"
#include "contracts/check_report.hpp"
#include "contracts/check_runner.hpp"
#include "contracts/response_stream_invariants.hpp"
#include "contracts/responses_contract.hpp"
#include "tests/contracts/support/documented_fixture.hpp"

namespace contracts::testing {
namespace {

DocumentedFixture fixture(const std::string& name) {
  for (DocumentedFixture& found : load_fixtures("responses")) {
    if (found.name == name) return found;
  }
  ADD_FAILURE() << "no fixture responses/" << name << ".json";
  return {};
}

nlohmann::json body_of(const std::string& name) { return std::get<nlohmann::json>(fixture(name).response.body); }
std::vector<ObservedEvent> events_of(const std::string& name) {
  return std::get<std::vector<ObservedEvent>>(fixture(name).response.body);
}

// "PATH KIND" of each drift, in order.
std::vector<std::string> findings(const ResponseCheck& check) {
  EXPECT_FALSE(check.unchecked.has_value()) << *check.unchecked;
  std::vector<std::string> out;
  for (const ResponseDrift& drift : check.drift) out.push_back(drift.item.path.to_string() + " " + to_string(drift.item.kind));
  return out;
}

// A conversation answer written as the service answers it: no drift at all.
TEST(ResponsesDrift, ACleanConversationHasNone) {
  const nlohmann::json conversation = {{"id", "conv_1"}, {"object", "conversation"}, {"created_at", 1795622028},
                                       {"metadata", {{"topic", "demo"}}}};
  const ResponseCheck check = check_responses_body("POST", "/v1/conversations", 200, conversation);
  EXPECT_THAT(findings(check), ::testing::IsEmpty()) << describe_check(check);
  EXPECT_EQ(describe_check(check), "");
  EXPECT_EQ(check.schema, "responses/conversation");
}

TEST(ResponsesDrift, ABodyNamesEachKindOfChange) {
  nlohmann::json response = body_of("response_create_function_call");
  // The documented example lacks input_tokens_details and sends user: null (its expected_drift).
  response["usage"]["input_tokens_details"] = {{"cached_tokens", 0}, {"cache_write_tokens", 0}};
  response.erase("user");
  ASSERT_THAT(findings(check_responses_body("POST", "/v1/responses", 200, response)), ::testing::IsEmpty());

  response["safety_checks"] = nlohmann::json::array();  // a field the service adds
  response.erase("tool_choice");                        // a required field it drops
  response["created_at"] = "yesterday";                 // a changed type
  response["status"] = "paused";                        // a status it invents
  response["output"][0]["type"] = "web_search_call";    // an item type this contract does not list
  const ResponseCheck check = check_responses_body("POST", "/v1/responses", 200, response);
  EXPECT_THAT(findings(check), ::testing::UnorderedElementsAre(
                                   "$.safety_checks unknown_field", "$.tool_choice missing_field",
                                   "$.created_at type_changed", "$.status enum_value", "$.output[0].type enum_value"));
  EXPECT_THAT(describe_check(check), ::testing::HasSubstr("$.status  enum_value  expected one of completed, failed"));
}

TEST(ResponsesDrift, ListsRequireStoredItemsAndStringCursors) {
  nlohmann::json list = body_of("conversation_items_list");
  list["last_id"] = 7;
  list["data"][0].erase("status");  // a conversation's message has every member
  EXPECT_THAT(findings(check_responses_body("GET", "/v1/conversations/conv_1/items?limit=1", 200, list)),
              ::testing::ElementsAre("$.data[0].status missing_field", "$.last_id type_changed"));
  // An empty page has no item to name (tolerated, as for the Assistants lists).
  const nlohmann::json empty = {{"object", "list"}, {"data", nlohmann::json::array()}, {"first_id", nullptr},
                                {"last_id", nullptr}, {"has_more", false}};
  EXPECT_THAT(findings(check_responses_body("GET", "/v1/responses/resp_1/input_items", 200, empty)), ::testing::IsEmpty());
}

TEST(ResponsesDrift, ErrorsFollowTheEnvelope) {
  const nlohmann::json bare = {{"message", "Response with id 'resp_1' not found."}, {"type", "invalid_request_error"},
                               {"param", nullptr}, {"code", nullptr}};
  const ResponseCheck check = check_responses_body("GET", "/v1/responses/resp_1", 404, bare);
  EXPECT_THAT(findings(check), ::testing::Contains("$.error missing_field"));
  EXPECT_THAT(findings(check_responses_body("GET", "/v1/responses/resp_1", 404, {{"error", bare}})), ::testing::IsEmpty());
}

TEST(ResponsesStream, TheDocumentedOrdersAreClean) {
  for (const char* name : {"stream_function_call", "stream_seed_flow"}) {
    const ResponseCheck check = check_responses_events("POST", "/v1/responses", events_of(name));
    EXPECT_THAT(findings(check), ::testing::IsEmpty()) << name << "\n" << describe_check(check);
  }
}

// A response that fails mid-stream: response.failed with the error, then an `error` event.
TEST(ResponsesStream, AFailedStreamIsClean) {
  std::vector<ObservedEvent> events = events_of("stream_function_call");
  events.resize(4);  // created, in_progress, output_item.added, one arguments delta
  nlohmann::json failed = events[1].data["response"];
  failed["status"] = "failed";
  failed["error"] = {{"code", "server_error"}, {"message", "The model failed to generate a response."}};
  events.push_back({"response.failed", {{"type", "response.failed"}, {"response", failed}, {"sequence_number", 4}}});
  events.push_back({"error", {{"type", "error"}, {"code", "server_error"}, {"message", "The model failed to generate a response."},
                              {"param", nullptr}, {"sequence_number", 5}}});
  EXPECT_THAT(findings(check_responses_events("POST", "/v1/responses", events)), ::testing::IsEmpty());

  events[4].data["response"]["error"]["code"] = "model_on_holiday";
  EXPECT_THAT(findings(check_responses_events("POST", "/v1/responses", events)),
              ::testing::ElementsAre("$[4].data.response.error.code enum_value"));
}

TEST(ResponsesStream, AnUnknownEventTypeIsAnEnumDrift) {
  std::vector<ObservedEvent> events = events_of("stream_function_call");
  events[2].event = "response.output_item.teleported";
  events[2].data["type"] = "response.output_item.teleported";
  EXPECT_THAT(findings(check_responses_events("POST", "/v1/responses", events)),
              ::testing::ElementsAre("$[2].event enum_value"));
}

TEST(ResponsesStream, SequenceNumbersRunFromZeroWithoutGaps) {
  std::vector<ObservedEvent> events = events_of("stream_function_call");
  events.erase(events.begin() + 3);  // a lost delta: one gap, reported once
  const ResponseCheck check = check_responses_events("POST", "/v1/responses", events);
  ASSERT_THAT(findings(check), ::testing::Contains("$[3].data.sequence_number stream_invariant"));
  EXPECT_EQ(check.drift.front().item.expected, "3");
  EXPECT_EQ(check.drift.front().item.got, "4");
  // ...and the lost delta also leaves the arguments short of what .done says.
  EXPECT_THAT(findings(check), ::testing::Contains("$[4].data.arguments stream_invariant"));

  std::vector<ObservedEvent> late = events_of("stream_function_call");
  for (ObservedEvent& event : late) event.data["sequence_number"] = event.data["sequence_number"].get<int>() + 1;
  EXPECT_THAT(findings(check_responses_events("POST", "/v1/responses", late)),
              ::testing::ElementsAre("$[0].data.sequence_number stream_invariant"));
}

TEST(ResponsesStream, AResumedStreamCountsFromStartingAfter) {
  const std::vector<ObservedEvent> all = events_of("stream_seed_flow");
  const std::vector<ObservedEvent> tail(all.begin() + 6, all.end());  // events 6.. after starting_after=5
  EXPECT_THAT(findings(check_responses_events("GET", "/v1/responses/resp_1?stream=true&starting_after=5", tail)),
              ::testing::IsEmpty());
  EXPECT_THAT(findings(check_responses_events("GET", "/v1/responses/resp_1?stream=true&starting_after=2", tail)),
              ::testing::ElementsAre("$[0].data.sequence_number stream_invariant"));
  EXPECT_EQ(starting_after_of("/v1/responses/r?stream=true&starting_after=12"), 12);
  EXPECT_EQ(starting_after_of("/v1/responses/r?stream=true"), std::nullopt);
  EXPECT_EQ(starting_after_of("/v1/responses/r?starting_after=x"), std::nullopt);
}

TEST(ResponsesStream, TheFinalTextIsTheConcatenatedDeltas) {
  std::vector<ObservedEvent> events = events_of("stream_seed_flow");
  auto done = std::find_if(events.begin(), events.end(),
                           [](const ObservedEvent& e) { return e.event == "response.output_text.done"; });
  ASSERT_NE(done, events.end());
  done->data["text"] = done->data["text"].get<std::string>() + " (edited)";
  const ResponseCheck check = check_responses_events("POST", "/v1/responses", events);
  ASSERT_THAT(findings(check), ::testing::ElementsAre("$[" + std::to_string(done - events.begin()) +
                                                      "].data.text stream_invariant"));
  EXPECT_THAT(check.drift[0].item.expected, ::testing::StartsWith("the concatenated deltas \"Of course, Jane Doe!"));
  EXPECT_EQ(check.drift[0].event, "response.output_text.done");
}

TEST(ResponsesStream, EachEventRepeatsItsNameAndTheResponseKeepsItsId) {
  std::vector<ObservedEvent> events = events_of("stream_function_call");
  events[1].data["type"] = "response.created";
  events.back().data["response"]["id"] = "resp_other";
  EXPECT_THAT(findings(check_responses_events("POST", "/v1/responses", events)),
              ::testing::ElementsAre("$[1].data.type stream_invariant",
                                     "$[" + std::to_string(events.size() - 1) + "].data.response stream_invariant"));
}

TEST(ResponsesStream, TheWireFormIsParsedAsTheRecorderParsesIt) {
  std::vector<cassettes::SseEvent> wire;
  for (const ObservedEvent& event : events_of("stream_seed_flow")) {
    wire.push_back({event.event, cassettes::Json::parse(event.data.dump()), {}, 0});
  }
  const std::string text = cassettes::format_sse_events(wire);
  EXPECT_THAT(findings(check_responses_event_stream("POST", "/v1/responses", text)), ::testing::IsEmpty());
  // A stream cut after its third event: still valid event by event, and nothing adds up wrong.
  const std::string cut = text.substr(0, text.find("event: response.content_part.added"));
  const ResponseCheck check = check_responses_event_stream("POST", "/v1/responses", cut);
  EXPECT_THAT(findings(check), ::testing::IsEmpty());
}

// A cassette of Responses exchanges, checked as `check` checks any cassette.
TEST(ResponsesCheck, ACassetteIsJudgedByTheResponsesContract) {
  const std::filesystem::path file = fixtures_dir() / "responses_cassettes" / "responses_seed_flow.json";
  CheckOptions options;
  options.inputs = {file};
  const BuiltinContracts contracts;
  auto report = run_check(options, contracts);
  ASSERT_TRUE(report.has_value()) << report.error();
  ASSERT_GE(report->responses.size(), 6U);
  for (const ResponseCheck& check : report->responses) {
    EXPECT_FALSE(check.unchecked.has_value()) << check.origin << ": " << *check.unchecked;
    EXPECT_EQ(check.contract, "responses") << check.origin;
  }
  EXPECT_THAT(drift_rows(*report), ::testing::IsEmpty()) << render_table(*report);
  EXPECT_EQ(exit_status(*report), 0);
}

// The same cassette with drift put in, judged under any --api-version: one [responses] block.
TEST(ResponsesCheck, DriftInACassetteIsReportedUnderResponses) {
  CheckOptions options;
  options.inputs = {fixtures_dir() / "responses_cassettes_drifted" / "responses_seed_flow_drifted.json"};
  options.version = ApiVersion::v1_2023_12;
  const BuiltinContracts contracts;
  auto report = run_check(options, contracts);
  ASSERT_TRUE(report.has_value()) << report.error();
  std::vector<std::string> rows;
  for (const DriftRow& row : drift_rows(*report)) {
    rows.push_back(row.endpoint + " [" + row.api_version + "] " + row.path + " " + to_string(row.kind));
  }
  EXPECT_THAT(rows, ::testing::ElementsAre(
                        "POST /v1/responses [responses] $.safety_checks unknown_field",
                        "POST /v1/responses [responses] $.status enum_value",
                        "POST /v1/responses [responses] $[*].data.sequence_number stream_invariant",
                        "POST /v1/responses [responses] $[*].data.text stream_invariant"))
      << render_table(*report);
  EXPECT_EQ(exit_status(*report), 1);
}

}  // namespace
}  // namespace contracts::testing
