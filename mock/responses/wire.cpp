#include "mock/responses/wire.hpp"

#include <stdexcept>

#include "mock/core/text_sink.hpp"
#include "mock/responses/lifecycle.hpp"

namespace mock::responses {

Json to_wire(const Conversation& conversation) {
  return Json{{"id", conversation.id}, {"object", "conversation"},
              {"created_at", conversation.created_at}, {"metadata", conversation.metadata}};
}

core::FrozenJson echoed_fields(const ResponseRequest& request) {
  core::TextSink out(1024);  // the defaults alone take ~560 bytes
  out.json_field("instructions", request.instructions);
  out.json_field("max_output_tokens", request.max_output_tokens);
  out.json_field("max_tool_calls", request.max_tool_calls);
  out.field("model", request.model.value_or(""));
  out.flag("parallel_tool_calls", request.parallel_tool_calls);
  out.field("previous_response_id", request.previous_response_id);
  if (request.conversation_id) {
    core::TextSink conversation;
    conversation.field("id", *request.conversation_id);
    out.raw_field("conversation", conversation.take());
  } else {
    out.raw_field("conversation", "null");
  }
  out.json_field("reasoning", request.reasoning);
  out.json_field("service_tier", request.service_tier);
  out.flag("store", request.store);
  out.json_field("temperature", request.temperature);
  out.json_field("text", request.text);
  out.json_field("tool_choice", request.tool_choice);
  out.json_field("tools", request.tools);
  out.json_field("top_p", request.top_p);
  out.json_field("truncation", request.truncation);
  out.json_field("metadata", request.metadata.is_null() ? Json::object() : request.metadata);
  if (!request.user.is_null()) out.json_field("user", request.user);
  return core::FrozenJson::from_text(out.take());
}

Json usage_json(std::int64_t input_tokens, std::int64_t output_tokens) {
  return Json{{"input_tokens", input_tokens},
              {"input_tokens_details", Json{{"cached_tokens", 0}, {"cache_write_tokens", 0}}},
              {"output_tokens", output_tokens},
              {"output_tokens_details", Json{{"reasoning_tokens", 0}}},
              {"total_tokens", input_tokens + output_tokens}};
}

ReadBack read_back(const StoredResponse& response) {
  return ReadBack{response.echoed.value(), response.outcome.output.value()};
}

Json snapshot(const StoredResponse& response, ResponseStatus status, const ReadBack& parts) {
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
  for (const auto& [key, value] : parts.echoed.items()) out[key] = value;
  out["output"] = reached ? parts.output : Json::array();
  // Usage belongs to a response that ran to its end; snapshots on the way leave it out.
  if (reached) out["usage"] = usage_json(response.input_tokens, response.outcome.output_tokens);
  return out;
}

Json snapshot(const StoredResponse& response, ResponseStatus status) {
  return snapshot(response, status, read_back(response));
}

Json to_wire(const StoredResponse& response) { return snapshot(response, response.status); }

std::string wire_text(const StoredResponse& response) {
  static const Json k_null;
  const ResponseStatus status = response.status;
  const bool reached = status == response.outcome.status;
  // Room for the fixed fields and usage beside the echoed fields and the output.
  core::TextSink out(response.echoed.text().size() + response.outcome.output.text().size() + 512);
  out.field("id", response.id);
  out.field("object", "response");
  out.field("created_at", response.created_ms / 1000);
  out.field("status", to_string(status));
  out.flag("background", response.background);
  out.field("completed_at", status == ResponseStatus::completed ? response.completed_at : std::nullopt);
  out.json_field("error", reached ? response.outcome.error : k_null);
  out.json_field("incomplete_details", reached ? response.outcome.incomplete_details : k_null);
  out.members(response.echoed.inner_text());
  out.raw_field("output", reached ? std::string_view(response.outcome.output.text()) : std::string_view("[]"));
  if (reached) {
    // usage_json(input, output), written out.
    const std::int64_t input = response.input_tokens;
    const std::int64_t output = response.outcome.output_tokens;
    std::string usage = R"({"input_tokens":)";
    usage += std::to_string(input);
    usage += R"(,"input_tokens_details":{"cached_tokens":0,"cache_write_tokens":0},"output_tokens":)";
    usage += std::to_string(output);
    usage += R"(,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":)";
    usage += std::to_string(input + output);
    usage += '}';
    out.raw_field("usage", usage);
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
