#include "contracts/response_check.hpp"

#include "contracts/endpoint_map.hpp"
#include "contracts/response_stream_invariants.hpp"

namespace contracts {

ResponseCheck check_response(const ObservedResponse& response, ApiVersion version,
                             const ContractSource& contracts) {
  ResponseCheck check;
  check.origin = response.origin;
  check.version = version;
  check.contract = to_string(version);
  check.endpoint = response.method + " " + response.path.substr(0, response.path.find('?'));

  const auto* events = std::get_if<std::vector<ObservedEvent>>(&response.body);
  const auto* body = std::get_if<nlohmann::json>(&response.body);
  if (events == nullptr && body == nullptr) {
    check.unchecked = "the body is not JSON";
    return check;
  }
  auto contract = contracts.find(response.method, response.path, response.status, version, events != nullptr);
  if (!contract) {
    check.unchecked = contract.error();
    return check;
  }
  check.endpoint = contract->endpoint;
  check.schema = contract->schema;
  if (!contract->directory.empty()) check.contract = contract->directory;
  if (body != nullptr) {
    for (DriftItem& item : find_drift(*body, contract->compiled)) check.drift.push_back({std::move(item), {}});
    return check;
  }
  // Each event is checked as {"event": NAME, "data": DATA}, or as DATA alone when the contract
  // describes that; paths start at the event's index: $[3].data.delta.
  for (std::size_t i = 0; i < events->size(); ++i) {
    const ObservedEvent& event = (*events)[i];
    const nlohmann::json checked =
        contract->event_data_only ? event.data : nlohmann::json{{"event", event.event}, {"data", event.data}};
    for (DriftItem& item : find_drift(checked, contract->compiled)) {
      JsonPath path = contract->event_data_only ? JsonPath().element(i).child("data") : JsonPath().element(i);
      for (const PathSegment& segment : item.path.segments()) {
        path = segment.index ? path.element(*segment.index) : path.child(segment.key);
      }
      item.path = std::move(path);
      check.drift.push_back({std::move(item), event.event});
    }
  }
  if (is_responses_endpoint(response.method, response.path)) {
    for (DriftItem& item : find_stream_invariant_drift(*events, starting_after_of(response.path))) {
      const std::size_t index = *item.path.segments().front().index;
      check.drift.push_back({std::move(item), (*events)[index].event});
    }
  }
  return check;
}

}  // namespace contracts
