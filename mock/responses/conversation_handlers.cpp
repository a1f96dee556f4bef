// POST/GET/DELETE /v1/conversations and their items.
#include <utility>

#include "mock/core/field_reader.hpp"
#include "mock/assistants/params/shared_params.hpp"
#include "http/json_body.hpp"
#include "mock/responses/context.hpp"
#include "mock/responses/handlers.hpp"
#include "mock/responses/item_list.hpp"
#include "mock/responses/item_params.hpp"
#include "mock/responses/lookup.hpp"
#include "mock/responses/wire.hpp"

namespace mock::responses {
namespace {
void append_items(Conversation& conversation, const Json& items) {
  for (const Json& item : items) conversation.items.insert(Item{item["id"].get<std::string>(), item});
}
}  // namespace

ApiResponse create_conversation(const ApiRequest& request, ResponsesServices& services) {
  const Json& body = request.json_body();
  core::FieldReader reader(body, "");
  reader.allow_only({"metadata", "items"});
  Json metadata = Json::object();
  if (reader.has_value("metadata")) metadata = core::parse_metadata(body["metadata"], "metadata");
  Json items = reader.has_value("items") ? parse_items(body["items"], "items") : Json::array();
  Conversation conversation;
  conversation.id = services.ids.next("conv_");
  conversation.created_at = services.clock.now_seconds();
  conversation.metadata = std::move(metadata);
  assign_ids(items, services.ids);
  append_items(conversation, items);
  return services.store.with_state([&](ResponsesState& state) {
    return ApiResponse::json(to_wire(state.conversations.insert(std::move(conversation))));
  });
}

ApiResponse retrieve_conversation(const ApiRequest& request, ResponsesServices& services) {
  return services.store.with_state([&](ResponsesState& state) {
    return ApiResponse::json(to_wire(require_conversation(state, request.path_param("conversation_id"))));
  });
}

ApiResponse update_conversation(const ApiRequest& request, ResponsesServices& services) {
  const Json& body = request.json_body();
  core::FieldReader reader(body, "");
  reader.allow_only({"metadata"});
  if (!reader.has("metadata")) core::throw_missing("metadata");
  Json metadata = core::parse_metadata(body["metadata"], "metadata");
  return services.store.with_state([&](ResponsesState& state) {
    Conversation& conversation = require_conversation(state, request.path_param("conversation_id"));
    conversation.metadata = metadata.is_null() ? Json::object() : std::move(metadata);
    return ApiResponse::json(to_wire(conversation));
  });
}

ApiResponse delete_conversation(const ApiRequest& request, ResponsesServices& services) {
  return services.store.with_state([&](ResponsesState& state) {
    const std::string id = require_conversation(state, request.path_param("conversation_id")).id;
    state.conversations.erase(id);
    return ApiResponse::json(
        Json{{"id", id}, {"object", "conversation.deleted"}, {"deleted", true}});
  });
}

ApiResponse create_conversation_items(const ApiRequest& request, ResponsesServices& services) {
  const Json& body = request.json_body();
  core::FieldReader reader(body, "");
  reader.allow_only({"items"});
  if (!reader.has("items")) core::throw_missing("items");
  Json items = parse_items(body["items"], "items");
  return services.store.with_state([&](ResponsesState& state) {
    Conversation& conversation = require_conversation(state, request.path_param("conversation_id"));
    assign_ids(items, services.ids);
    append_items(conversation, items);
    // The created items, in the order sent.
    return ApiResponse::json(item_list(std::move(items), false));
  });
}

ApiResponse list_conversation_items(const ApiRequest& request, ResponsesServices& services) {
  const core::PageQuery query = parse_item_list_query(request);
  return services.store.with_state([&](ResponsesState& state) {
    advance_running(state, services.clock.now_ms());
    const Conversation& conversation = require_conversation(state, request.path_param("conversation_id"));
    return ApiResponse::json(item_page(conversation.items, query));
  });
}

ApiResponse retrieve_conversation_item(const ApiRequest& request, ResponsesServices& services) {
  return services.store.with_state([&](ResponsesState& state) {
    advance_running(state, services.clock.now_ms());
    const Conversation& conversation = require_conversation(state, request.path_param("conversation_id"));
    return ApiResponse::json(require_item(conversation, request.path_param("item_id")).wire);
  });
}

ApiResponse delete_conversation_item(const ApiRequest& request, ResponsesServices& services) {
  return services.store.with_state([&](ResponsesState& state) {
    Conversation& conversation = require_conversation(state, request.path_param("conversation_id"));
    conversation.items.erase(require_item(conversation, request.path_param("item_id")).id);
    // The service answers with the conversation, not a deleted envelope.
    return ApiResponse::json(to_wire(conversation));
  });
}

}  // namespace mock::responses
