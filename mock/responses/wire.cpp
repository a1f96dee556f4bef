#include "mock/responses/wire.hpp"

#include <stdexcept>

#include "mock/assistants/model/wire_sinks.hpp"
#include "mock/responses/lifecycle.hpp"

namespace mock::responses {

Json to_wire(const Conversation& conversation) {
  return Json{{"id", conversation.id}, {"object", "conversation"},
              {"created_at", conversation.created_at}, {"metadata", conversation.metadata}};
}

Json echoed_fields(ResponseRequest&& request) {
  Json out = Json::object();
  out["instructions"] = std::move(request.instructions);
  out["max_output_tokens"] = std::move(request.max_output_tokens);
  out["max_tool_calls"] = std::move(request.max_tool_calls);
  out["model"] = request.model.value_or("");
  out["parallel_tool_calls"] = request.parallel_tool_calls;
  out["previous_response_id"] = request.previous_response_id ? Json(*request.previous_response_id) : Json(nullptr);
  out["conversation"] = request.conversation_id ? Json{{"id", *request.conversation_id}} : Json(nullptr);
  out["reasoning"] = std::move(request.reasoning);
  out["service_tier"] = std::move(request.service_tier);
  out["store"] = request.store;
  out["temperature"] = std::move(request.temperature);
  out["text"] = std::move(request.text);
  out["tool_choice"] = std::move(request.tool_choice);
  out["tools"] = std::move(request.tools);
  out["top_p"] = std::move(request.top_p);
  out["truncation"] = std::move(request.truncation);
  out["metadata"] = request.metadata.is_null() ? Json::object() : std::move(request.metadata);
  if (!request.user.is_null()) out["user"] = std::move(request.user);
  return out;
}

Json usage_json(std::int64_t input_tokens, std::int64_t output_tokens) {
  return Json{{"input_tokens", input_tokens},
              {"input_tokens_details", Json{{"cached_tokens", 0}, {"cache_write_tokens", 0}}},
              {"output_tokens", output_tokens},
              {"output_tokens_details", Json{{"reasoning_tokens", 0}}},
              {"total_tokens", input_tokens + output_tokens}};
}

Json snapshot(const StoredResponse& response, ResponseStatus status) {
  Json out = Json::object();
  out["id"] = response.id;
  out["object"] = "response";
  out["created_at"] = response.created_ms / 1000;
  out["status"] = to_string(status);
  out["background"] = response.background;
  const bool reached = status == response.outcome.status;
  out["completed_at"] = status == ResponseStatus::completed && response.completed_at
                            ? Json(*response.completed_at)
                            : Json(nullptr);
  out["error"] = reached ? response.outcome.error : Json(nullptr);
  out["incomplete_details"] = reached ? response.outcome.incomplete_details : Json(nullptr);
  for (const auto& [key, value] : response.wire.items()) out[key] = value;
  out["output"] = reached ? response.outcome.output : Json::array();
  // Usage belongs to a response that ran to its end; snapshots on the way leave it out.
  if (reached) out["usage"] = usage_json(response.input_tokens, response.outcome.output_tokens);
  return out;
}

Json to_wire(const StoredResponse& response) { return snapshot(response, response.status); }

std::string wire_text(const StoredResponse& response) {
  static const Json k_null;
  static const Json k_empty_output = Json::array();
  const ResponseStatus status = response.status;
  const bool reached = status == response.outcome.status;
  assistants::TextSink out;
  out.field("id", response.id);
  out.field("object", "response");
  out.field("created_at", response.created_ms / 1000);
  out.field("status", to_string(status));
  out.flag("background", response.background);
  out.field("completed_at", status == ResponseStatus::completed ? response.completed_at : std::nullopt);
  out.json_field("error", reached ? response.outcome.error : k_null);
  out.json_field("incomplete_details", reached ? response.outcome.incomplete_details : k_null);
  for (const auto& [key, value] : response.wire.items()) out.json_field(key.c_str(), value);
  out.json_field("output", reached ? response.outcome.output : k_empty_output);
  if (reached) {
    // usage_json(input, output), written out.
    const std::int64_t input = response.input_tokens;
    const std::int64_t output = response.outcome.output_tokens;
    out.raw_field("usage", R"({"input_tokens":)" + std::to_string(input) +
                               R"(,"input_tokens_details":{"cached_tokens":0,"cache_write_tokens":0},)"
                               R"("output_tokens":)" + std::to_string(output) +
                               R"(,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":)" +
                               std::to_string(input + output) + "}");
  }
  std::string text = out.take();
#ifndef NDEBUG
  // Debug builds (the test suites) hold every answer to the JSON value's bytes.
  if (text != to_wire_text(to_wire(response))) {
    throw std::logic_error("wire text of " + response.id + " differs from its JSON value");
  }
#endif
  return text;
}

}  // namespace mock::responses
