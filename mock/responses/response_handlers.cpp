// POST /v1/responses and the endpoints of one stored response.
#include <algorithm>
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
// True when a new response reads stored items: its chain, its conversation or an item it
// references. Only such a response is planned under the store's lock; any other reads
// nothing stored, so it is planned beside the others and takes the lock only to be kept.
bool reads_store(const ResponseRequest& request) {
  if (request.previous_response_id || request.conversation_id) return true;
  return std::any_of(request.input.begin(), request.input.end(),
                     [](const Json& item) { return item.value("type", "") == "item_reference"; });
}

// The response a request makes, planned against `context` (what it sees before its own
// input, whose references are resolved).
StoredResponse new_response(const ResponseRequest& request, ResponseContext context, Json input,
                            ResponsesServices& services, std::int64_t now_ms) {
  StoredResponse response;
  response.id = services.ids.next("resp_");
  assign_ids(input, services.ids);
  response.outcome = plan_response(PlanInput{request, context.items, input, context.pending, services.file_search},
                                   services.scenarios, services.ids);
  response.created_ms = now_ms;
  response.background = request.background;
  response.input_tokens = count_input_tokens(request.instructions, context.items, input);
  response.echoed = echoed_fields(request);
  response.context = core::FrozenJson(context.items);
  response.input_items = core::FrozenJson(input);
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
  }
  return response;
}

// Under the store's lock, a new response takes its place: a foreground one, already ended,
// joins its conversation; a background one starts running; a stored one is kept.
void keep(ResponsesState& state, StoredResponse&& response, bool store) {
  if (!response.background) on_response_finished(state, response);
  if (response.background) state.running.push_back(response.id);
  if (store) state.responses.insert(std::move(response));
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
  std::string answer;
  std::string id;
  std::int64_t delay_ms = 0;
  // What the client gets, read from the response before the store keeps it.
  const auto answer_from = [&](const StoredResponse& response) {
    id = response.id;
    delay_ms = parsed.background ? 0 : response.outcome.delay_ms;
    if (parsed.stream && !parsed.background) events = response_events(response);
    if (!parsed.stream) answer = wire_text(response);
  };
  if (reads_store(parsed)) {
    services.store.with_state([&](ResponsesState& state) {
      ResponseContext context = context_for(state, parsed, now_ms);
      Json input = std::move(parsed.input);
      resolve_references(state, context.items, input);
      StoredResponse response = new_response(parsed, std::move(context), std::move(input), services, now_ms);
      answer_from(response);
      keep(state, std::move(response), parsed.store);
    });
  } else {
    StoredResponse response = new_response(parsed, ResponseContext{}, std::move(parsed.input), services, now_ms);
    answer_from(response);
    services.store.with_state([&](ResponsesState& state) { keep(state, std::move(response), parsed.store); });
  }
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
    for (Json& item : response.input_items.value()) {
      std::string id = item["id"].get<std::string>();
      items.insert(Item{std::move(id), std::move(item)});
    }
    return ApiResponse::json(item_page(items, query));
  });
}

}  // namespace mock::responses
