#include "mock/responses/wire.hpp"

#include "mock/responses/lifecycle.hpp"

namespace mock::responses {

Json to_wire(const Conversation& conversation) {
  return Json{{"id", conversation.id}, {"object", "conversation"},
              {"created_at", conversation.created_at}, {"metadata", conversation.metadata}};
}

Json echoed_fields(const ResponseRequest& request) {
  Json out = Json::object();
  out["instructions"] = request.instructions;
  out["max_output_tokens"] = request.max_output_tokens;
  out["max_tool_calls"] = request.max_tool_calls;
  out["model"] = request.model.value_or("");
  out["parallel_tool_calls"] = request.parallel_tool_calls;
  out["previous_response_id"] = request.previous_response_id ? Json(*request.previous_response_id) : Json(nullptr);
  out["conversation"] = request.conversation_id ? Json{{"id", *request.conversation_id}} : Json(nullptr);
  out["reasoning"] = request.reasoning;
  out["service_tier"] = request.service_tier;
  out["store"] = request.store;
  out["temperature"] = request.temperature;
  out["text"] = request.text;
  out["tool_choice"] = request.tool_choice;
  out["tools"] = request.tools;
  out["top_p"] = request.top_p;
  out["truncation"] = request.truncation;
  out["metadata"] = request.metadata.is_null() ? Json::object() : request.metadata;
  if (!request.user.is_null()) out["user"] = request.user;
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

}  // namespace mock::responses
