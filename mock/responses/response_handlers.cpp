// POST /v1/responses and the endpoints of one stored response.
#include <charconv>
#include <chrono>
#include <thread>
#include <utility>

#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "mock/responses/context.hpp"
#include "mock/responses/events.hpp"
#include "mock/responses/handlers.hpp"
#include "mock/responses/item_list.hpp"
#include "mock/responses/item_params.hpp"
#include "mock/responses/lifecycle.hpp"
#include "mock/responses/lookup.hpp"
#include "mock/responses/planner.hpp"
#include "mock/responses/stream.hpp"
#include "mock/responses/wire.hpp"

namespace mock::responses {
namespace {
// Consumes the request's Json fields (its flags and ids stay readable).
StoredResponse new_response(ResponsesState& state, ResponseRequest& request,
                            ResponsesServices& services, std::int64_t now_ms) {
  StoredResponse response;
  response.id = services.ids.next("resp_");
  ResponseContext context = context_for(state, request, now_ms);
  Json input = std::move(request.input);
  resolve_references(state, context.items, input);
  assign_ids(input, services.ids);
  response.outcome = plan_response(PlanInput{request, context.items, input, context.pending, services.file_search},
                                   services.scenarios, services.ids);
  response.created_ms = now_ms;
  response.background = request.background;
  response.input_tokens = count_input_tokens(request.instructions, context.items, input);
  response.wire = echoed_fields(std::move(request));
  response.context = std::move(context.items);
  response.input_items = std::move(input);
  response.conversation_id = request.conversation_id;
  const std::int64_t step_ms = services.config.step_ms;
  if (request.background) {
    response.status = ResponseStatus::queued;
    response.in_progress_due_ms = now_ms + step_ms;
    response.finish_due_ms = now_ms + 2 * step_ms + response.outcome.delay_ms;
  } else {
    response.status = response.outcome.status;
    response.started = true;
    response.finish_due_ms = now_ms + response.outcome.delay_ms;
    if (response.status == ResponseStatus::completed) response.completed_at = response.finish_due_ms / 1000;
    on_response_finished(state, response);
  }
  return response;
}

// Every vector store a file_search tool names must exist (404 otherwise), checked before
// anything is created.
void check_vector_stores(const ResponseRequest& request, ResponsesServices& services) {
  if (services.file_search == nullptr) return;
  for (const Json& tool : request.tools) {
    if (tool["type"] != "file_search") continue;
    for (const Json& id : tool["vector_store_ids"]) services.file_search->require_vector_store(id.get<std::string>());
  }
}

// `starting_after` of GET ?stream=true: the sequence number the client saw last.
std::size_t first_event_after(const ApiRequest& request) {
  const auto after = request.query_value("starting_after");
  if (!after || after->empty()) return 0;
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(after->data(), after->data() + after->size(), value);
  if (error != std::errc() || end != after->data() + after->size()) {
    throw http::errors::invalid_request("Invalid 'starting_after': expected an integer.", "starting_after",
                                        "invalid_type");
  }
  return value + 1;
}

// The script's delay_ms: a foreground response takes that long to answer on the real clock
// (on the manual clock it cannot wait, and answers at once).
void wait_for(ResponsesServices& services, std::int64_t delay_ms) {
  if (delay_ms > 0 && !services.clock.is_manual()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
  }
}
}  // namespace

ApiResponse create_response(const ApiRequest& request, ResponsesServices& services) {
  ResponseRequest parsed = parse_response_request(request.json_body(), BodyKind::create);
  check_vector_stores(parsed, services);
  // A stream slot is taken before the response exists, so a refused stream leaves none behind.
  if (parsed.stream && request.claim_stream) request.claim_stream();
  const std::int64_t now_ms = services.clock.now_ms();
  std::vector<Json> events;
  std::string id;
  std::string answer;
  std::int64_t delay_ms = 0;
  services.store.with_state([&](ResponsesState& state) {
    StoredResponse response = new_response(state, parsed, services, now_ms);
    id = response.id;
    delay_ms = parsed.background ? 0 : response.outcome.delay_ms;
    if (parsed.stream && !parsed.background) events = response_events(response);
    if (!parsed.stream) answer = wire_text(response);
    if (parsed.background) state.running.push_back(response.id);
    if (parsed.store) state.responses.insert(std::move(response));
  });
  wait_for(services, delay_ms);
  if (!parsed.stream) return ApiResponse::json_text(std::move(answer));
  if (parsed.background) return follow_response(services, id, 0);
  return stream_events(std::move(events), 0);
}

ApiResponse retrieve_response(const ApiRequest& request, ResponsesServices& services) {
  const std::string id = request.path_param("response_id");
  const bool stream = request.query_value("stream") == "true";
  const std::size_t from = stream ? first_event_after(request) : 0;
  if (stream && request.claim_stream) request.claim_stream();
  std::string answer = services.store.with_state([&](ResponsesState& state) {
    StoredResponse& response = require_response(state, id);
    advance_response(state, response, services.clock.now_ms());
    return stream ? std::string() : wire_text(response);
  });
  if (stream) return follow_response(services, id, from);
  return ApiResponse::json_text(std::move(answer));
}

ApiResponse delete_response(const ApiRequest& request, ResponsesServices& services) {
  return services.store.with_state([&](ResponsesState& state) {
    const std::string id = require_response(state, request.path_param("response_id")).id;
    state.responses.erase(id);
    return ApiResponse::json(Json{{"id", id}, {"object", "response"}, {"deleted", true}});
  });
}

ApiResponse cancel_response(const ApiRequest& request, ResponsesServices& services) {
  return services.store.with_state([&](ResponsesState& state) {
    StoredResponse& response = require_response(state, request.path_param("response_id"));
    advance_response(state, response, services.clock.now_ms());
    cancel(response);
    return ApiResponse::json_text(wire_text(response));
  });
}

ApiResponse list_input_items(const ApiRequest& request, ResponsesServices& services) {
  const core::PageQuery query = parse_item_list_query(request);
  return services.store.with_state([&](ResponsesState& state) {
    const StoredResponse& response = require_response(state, request.path_param("response_id"));
    core::OrderedCollection<Item> items;
    for (const Json& item : response.input_items) items.insert(Item{item["id"].get<std::string>(), item});
    return ApiResponse::json(item_page(items, query));
  });
}

}  // namespace mock::responses
