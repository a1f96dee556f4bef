#include "mock/responses/context.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "http/api_error.hpp"
#include "mock/responses/lifecycle.hpp"
#include "mock/responses/lookup.hpp"

namespace mock::responses {
namespace {
void append_all(Json& to, const Json& items) {
  for (const Json& item : items) to.push_back(item);
}

const Json* find_item(const Json& items, const std::string& id) {
  for (const Json& item : items) {
    if (item.value("id", "") == id) return &item;
  }
  return nullptr;
}

// The item with this id among frozen items. Its bytes are searched first: most responses
// do not hold it, and reading them back is what costs.
std::optional<Json> find_frozen_item(const core::FrozenJson& items, const std::string& id) {
  if (items.text().find(id) == std::string::npos) return std::nullopt;
  const Json values = items.value();
  const Json* found = find_item(values, id);
  return found == nullptr ? std::nullopt : std::optional<Json>(*found);
}
}  // namespace

ResponseContext context_for(ResponsesState& state, const ResponseRequest& request, std::int64_t now_ms) {
  ResponseContext context;
  if (request.previous_response_id) {
    const std::string& id = *request.previous_response_id;
    StoredResponse* previous = state.responses.find(id);
    if (previous != nullptr) advance_response(state, *previous, now_ms);
    if (previous == nullptr || !is_terminal(previous->status)) {
      throw http::errors::invalid_request("Previous response with id '" + id + "' not found.",
                                          "previous_response_id", "previous_response_not_found");
    }
    append_all(context.items, previous->context.value());
    append_all(context.items, previous->input_items.value());
    if (previous->status != ResponseStatus::cancelled) append_all(context.items, previous->outcome.output.value());
    if (previous->status == ResponseStatus::completed && previous->outcome.pending) {
      context.pending = &*previous->outcome.pending;
    }
  } else if (request.conversation_id) {
    advance_running(state, now_ms);
    const Conversation& conversation = require_conversation(state, *request.conversation_id, "conversation");
    conversation.items.for_each([&](const Item& item) { context.items.push_back(item.wire); });
    if (conversation.pending) context.pending = &*conversation.pending;
  }
  return context;
}

void resolve_references(ResponsesState& state, const Json& context, Json& input) {
  for (Json& item : input) {
    if (item.value("type", "") != "item_reference") continue;
    const std::string id = item["id"];
    std::optional<Json> found;
    if (const Json* in_context = find_item(context, id)) found = *in_context;
    std::as_const(state.responses).for_each([&](const StoredResponse& response) {
      if (!found) found = find_frozen_item(response.input_items, id);
      if (!found) found = find_frozen_item(response.outcome.output, id);
    });
    if (!found) {
      throw http::errors::invalid_request("Item with id '" + id + "' not found.", "input");
    }
    item = std::move(*found);
  }
}

void advance_response(ResponsesState& state, StoredResponse& response, std::int64_t now_ms) {
  if (!response.background || is_terminal(response.status)) {
    std::erase(state.running, response.id);
    return;
  }
  advance_running(state, now_ms);
}

void advance_running(ResponsesState& state, std::int64_t now_ms) {
  std::vector<StoredResponse*> due;
  std::erase_if(state.running, [&](const std::string& id) {
    StoredResponse* response = state.responses.find(id);
    if (response != nullptr) due.push_back(response);
    return response == nullptr;  // deleted while it ran
  });
  // `running` is in creation order; a stable sort keeps it among equal finishing times.
  std::stable_sort(due.begin(), due.end(), [](const StoredResponse* a, const StoredResponse* b) {
    return a->finish_due_ms < b->finish_due_ms;
  });
  for (StoredResponse* response : due) {
    advance(*response, now_ms, [&](StoredResponse& finished) { on_response_finished(state, finished); });
    if (is_terminal(response->status)) std::erase(state.running, response->id);
  }
}

void on_response_finished(ResponsesState& state, StoredResponse& response) {
  if (!response.conversation_id || response.appended) return;
  if (response.status != ResponseStatus::completed && response.status != ResponseStatus::incomplete) return;
  Conversation* conversation = state.conversations.find(*response.conversation_id);
  if (conversation == nullptr) return;  // deleted while the response ran
  for (const core::FrozenJson* frozen : {&response.input_items, &response.outcome.output}) {
    for (const Json& item : frozen->value()) {
      const std::string id = item["id"];
      // A referenced item of the conversation itself is already in it.
      if (conversation->items.find(id) == nullptr) conversation->items.insert(Item{id, item});
    }
  }
  conversation->pending = response.outcome.pending;
  response.appended = true;
}

}  // namespace mock::responses
