// The Responses and Conversations APIs, one line per endpoint, in the order of the API reference.
#include "mock/responses/routes.hpp"

#include "http/bearer_auth.hpp"
#include "mock/responses/handlers.hpp"

namespace mock::responses {
namespace {
using EndpointFn = http::ApiResponse (*)(const http::ApiRequest&, ResponsesServices&);

void add(http::RouteTable& table, ResponsesServices& services, const char* method, const char* pattern,
         const char* name, EndpointFn endpoint, http::Streaming streaming = http::Streaming::never) {
  table.add(
      method, pattern, name,
      [&services, endpoint](http::ApiRequest& request) {
        http::check_bearer_key(request, services.config.api_key);
        return endpoint(request, services);
      },
      streaming);
}
}  // namespace

void register_routes(http::RouteTable& t, ResponsesServices& s) {
  // Fixed paths before /v1/responses/{response_id}: the first registered route wins.
  add(t, s, "POST", "/v1/responses/input_tokens", "responses.input_tokens", count_input_tokens);
  add(t, s, "POST", "/v1/responses/compact", "responses.compact", compact_response);
  add(t, s, "POST", "/v1/responses", "responses.create", create_response, http::Streaming::may_stream);
  add(t, s, "GET", "/v1/responses/{response_id}", "responses.retrieve", retrieve_response,
      http::Streaming::may_stream);
  add(t, s, "DELETE", "/v1/responses/{response_id}", "responses.delete", delete_response);
  add(t, s, "POST", "/v1/responses/{response_id}/cancel", "responses.cancel", cancel_response);
  add(t, s, "GET", "/v1/responses/{response_id}/input_items", "responses.input_items", list_input_items);

  add(t, s, "POST", "/v1/conversations", "conversations.create", create_conversation);
  add(t, s, "GET", "/v1/conversations/{conversation_id}", "conversations.retrieve", retrieve_conversation);
  add(t, s, "POST", "/v1/conversations/{conversation_id}", "conversations.update", update_conversation);
  add(t, s, "DELETE", "/v1/conversations/{conversation_id}", "conversations.delete", delete_conversation);
  add(t, s, "POST", "/v1/conversations/{conversation_id}/items", "conversation_items.create",
      create_conversation_items);
  add(t, s, "GET", "/v1/conversations/{conversation_id}/items", "conversation_items.list",
      list_conversation_items);
  add(t, s, "GET", "/v1/conversations/{conversation_id}/items/{item_id}", "conversation_items.retrieve",
      retrieve_conversation_item);
  add(t, s, "DELETE", "/v1/conversations/{conversation_id}/items/{item_id}", "conversation_items.delete",
      delete_conversation_item);
}

}  // namespace mock::responses
