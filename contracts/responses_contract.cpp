#include "contracts/responses_contract.hpp"

#include "cassettes/sse.hpp"
#include "contracts/contract_source.hpp"

namespace contracts {
namespace {

// The version is irrelevant to the Responses endpoints; an error on another path is held to
// the v2 envelope, which every version shares.
ResponseCheck check_observed(ObservedResponse response) {
  const BuiltinContracts contracts;
  return check_response(response, ApiVersion::v2, contracts);
}

ObservedResponse observed(std::string_view method, std::string_view path, int status) {
  ObservedResponse response;
  response.origin = std::string(method) + " " + std::string(path);
  response.method = std::string(method);
  response.path = std::string(path);
  response.status = status;
  return response;
}

}  // namespace

ResponseCheck check_responses_body(std::string_view method, std::string_view path, int status,
                                   const nlohmann::json& body) {
  ObservedResponse response = observed(method, path, status);
  response.body = body;
  return check_observed(std::move(response));
}

ResponseCheck check_responses_events(std::string_view method, std::string_view path,
                                     std::vector<ObservedEvent> events) {
  ObservedResponse response = observed(method, path, 200);
  response.body = std::move(events);
  return check_observed(std::move(response));
}

ResponseCheck check_responses_event_stream(std::string_view method, std::string_view path,
                                           std::string_view sse_text) {
  cassettes::SseParser parser;
  std::vector<cassettes::SseEvent> parsed = parser.feed(sse_text, 0);
  for (cassettes::SseEvent& event : parser.finish(0)) parsed.push_back(std::move(event));
  std::vector<ObservedEvent> events;
  events.reserve(parsed.size());
  for (const cassettes::SseEvent& event : parsed) events.push_back({event.event, nlohmann::json(event.data)});
  return check_responses_events(method, path, std::move(events));
}

std::string describe_check(const ResponseCheck& check) {
  if (check.unchecked) return check.origin + ": unchecked: " + *check.unchecked;
  std::string out;
  for (const ResponseDrift& drift : check.drift) {
    out += drift.item.path.to_string() + "  " + to_string(drift.item.kind) + "  expected " + drift.item.expected +
           ", got " + drift.item.got + (drift.event.empty() ? "" : " (" + drift.event + ")") + "\n";
  }
  return out.empty() ? out : check.origin + " against " + check.schema + ":\n" + out;
}

}  // namespace contracts
