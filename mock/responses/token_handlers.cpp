// POST /v1/responses/input_tokens and /v1/responses/compact: what a response would read,
// counted or compacted, without running the model.
#include <cstdio>

#include "http/json_body.hpp"
#include "mock/responses/context.hpp"
#include "mock/responses/handlers.hpp"
#include "mock/responses/item_params.hpp"
#include "mock/responses/planner.hpp"
#include "mock/responses/wire.hpp"

namespace mock::responses {
namespace {
// A stand-in for the service's opaque encrypted summary: stable for the same items.
std::string compaction_blob(const Json& items) {
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a
  for (const char c : items.dump()) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return std::string("mock-compaction-") + hex;
}

// What a response with this body would read: its history and its input, references resolved.
struct Reading {
  ResponseContext context;
  Json input;
};

Reading read_for(ResponsesState& state, const ResponseRequest& parsed, ResponsesServices& services) {
  Reading reading{context_for(state, parsed, services.clock.now_ms()), parsed.input};
  resolve_references(state, reading.context.items, reading.input);
  return reading;
}
}  // namespace

ApiResponse count_input_tokens(const ApiRequest& request, ResponsesServices& services) {
  const ResponseRequest parsed =
      parse_response_request(request.json_body(), BodyKind::input_tokens);
  return services.store.with_state([&](ResponsesState& state) {
    const Reading reading = read_for(state, parsed, services);
    return ApiResponse::json(
        Json{{"object", "response.input_tokens"},
             {"input_tokens", count_input_tokens(parsed.instructions, reading.context.items, reading.input)}});
  });
}

ApiResponse compact_response(const ApiRequest& request, ResponsesServices& services) {
  const ResponseRequest parsed =
      parse_response_request(request.json_body(), BodyKind::compact);
  return services.store.with_state([&](ResponsesState& state) {
    Reading reading = read_for(state, parsed, services);
    Json& input = reading.input;
    const ResponseContext& context = reading.context;
    assign_ids(input, services.ids);
    Json everything = context.items;
    for (const Json& item : input) everything.push_back(item);
    // The user's messages stay as they are; everything else is folded into one item.
    Json output = Json::array();
    for (const Json& item : everything) {
      if (item.value("type", "") == "message" && item.value("role", "") == "user") output.push_back(item);
    }
    const std::string blob = compaction_blob(everything);
    output.push_back(Json{{"id", services.ids.next("cmp_")}, {"type", "compaction"}, {"encrypted_content", blob}});
    const std::int64_t input_tokens = count_input_tokens(parsed.instructions, context.items, input);
    return ApiResponse::json(Json{{"id", services.ids.next("resp_")},
                                  {"object", "response.compaction"},
                                  {"created_at", services.clock.now_seconds()},
                                  {"output", std::move(output)},
                                  {"usage", usage_json(input_tokens, static_cast<std::int64_t>(blob.size() + 3) / 4)}});
  });
}

}  // namespace mock::responses
