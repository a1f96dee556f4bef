#include "mock/responses/state_dump.hpp"

#include <array>

#include "mock/responses/context.hpp"
#include "mock/responses/wire.hpp"

namespace mock::responses {

Json dump_state(ResponsesServices& services) {
  return services.store.with_state([&](ResponsesState& state) {
    const std::int64_t now_ms = services.clock.now_ms();
    Json responses = Json::array();
    state.responses.for_each([&](StoredResponse& response) {
      advance_response(state, response, now_ms);
      Json entry = to_wire(response);
      entry["input_items"] = response.input_items.value();
      responses.push_back(std::move(entry));
    });
    Json conversations = Json::array();
    std::as_const(state.conversations).for_each([&](const Conversation& conversation) {
      Json items = Json::array();
      conversation.items.for_each([&](const Item& item) { items.push_back(item.wire); });
      Json entry = to_wire(conversation);
      entry["items"] = std::move(items);
      conversations.push_back(std::move(entry));
    });
    return Json{{"conversations", std::move(conversations)}, {"responses", std::move(responses)}};
  });
}

std::vector<std::pair<ResponseStatus, std::size_t>> count_by_status(ResponsesServices& services) {
  constexpr std::array k_statuses{ResponseStatus::queued,    ResponseStatus::in_progress,
                                  ResponseStatus::completed, ResponseStatus::failed,
                                  ResponseStatus::incomplete, ResponseStatus::cancelled};
  std::vector<std::pair<ResponseStatus, std::size_t>> counts;
  for (const ResponseStatus status : k_statuses) counts.emplace_back(status, 0);
  services.store.with_state([&](ResponsesState& state) {
    const std::int64_t now_ms = services.clock.now_ms();
    state.responses.for_each([&](StoredResponse& response) {
      advance_response(state, response, now_ms);
      for (auto& [status, count] : counts) count += status == response.status ? 1 : 0;
    });
  });
  return counts;
}

}  // namespace mock::responses
