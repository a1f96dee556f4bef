#pragma once
// The contract of the Responses and Conversations API in one call, for tests that drive the
// server: an answer on any of the 15 endpoints (contracts/endpoint_map.hpp) is held to the
// built-in schemas of contracts/schemas/responses/, and a streamed answer, event by event, to
// stream_event.schema.json and the stream's invariants (response_stream_invariants.hpp).
// Error answers (4xx/5xx) are held to the error envelope on any path.
//
//   const auto check = contracts::check_responses_body("POST", "/v1/responses", 200, body);
//   EXPECT_TRUE(check.drift.empty() && !check.unchecked) << contracts::describe_check(check);
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "contracts/observed_response.hpp"
#include "contracts/response_check.hpp"

namespace contracts {

// A JSON body. `path` may carry a query string.
ResponseCheck check_responses_body(std::string_view method, std::string_view path, int status,
                                   const nlohmann::json& body);

// A stream already split into events.
ResponseCheck check_responses_events(std::string_view method, std::string_view path,
                                     std::vector<ObservedEvent> events);

// A stream as the wire carries it (text/event-stream bytes), parsed as the recorder parses it.
ResponseCheck check_responses_event_stream(std::string_view method, std::string_view path,
                                           std::string_view sse_text);

// "" when the check found nothing to say; else why it was unchecked, or one line per drift:
// "$[3].data.sequence_number  stream_invariant  expected 3, got 4 (response.output_text.delta)".
std::string describe_check(const ResponseCheck& check);

}  // namespace contracts
