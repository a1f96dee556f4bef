#include "mock/responses/request_params.hpp"

#include <algorithm>
#include <vector>

#include "mock/core/field_reader.hpp"
#include "mock/assistants/params/shared_params.hpp"
#include "http/api_error.hpp"
#include "mock/responses/item_params.hpp"
#include "mock/responses/tool_params.hpp"

namespace mock::responses {
namespace {
using core::FieldReader;

const std::vector<std::string> k_includes = {
    "code_interpreter_call.outputs",   "file_search_call.results",
    "message.input_image.image_url",   "message.output_text.logprobs",
    "reasoning.encrypted_content",     "computer_call_output.output.image_url",
    "web_search_call.action.sources",  "web_search_call.results"};

Json parse_text(const Json& value) {
  Json out = Json{{"format", Json{{"type", "text"}}}, {"verbosity", "medium"}};
  if (value.is_null()) return out;
  FieldReader reader(value, "text");
  reader.allow_only({"format", "verbosity"});
  if (auto verbosity = reader.enum_string("verbosity", {"low", "medium", "high"})) {
    if (!verbosity->is_null()) out["verbosity"] = *verbosity;
  }
  if (!reader.has_value("format")) return out;
  const Json& format = value["format"];
  FieldReader format_reader(format, "text.format");
  if (!format_reader.has_value("type")) core::throw_missing("text.format.type");
  const std::string type =
      format_reader.enum_string("type", {"text", "json_object", "json_schema"}, false)->get<std::string>();
  if (type == "json_schema") {
    format_reader.allow_only({"type", "name", "schema", "strict", "description"});
    Json schema{{"type", type}, {"name", format_reader.required_string("name", 64, 1)}};
    if (!format_reader.has("schema")) core::throw_missing("text.format.schema");
    schema["schema"] = *format_reader.object("schema", false);
    schema["strict"] = format_reader.boolean("strict").value_or(Json(false));
    if (auto description = format_reader.string("description")) schema["description"] = *description;
    out["format"] = std::move(schema);
  } else {
    format_reader.allow_only({"type"});
    out["format"] = Json{{"type", type}};
  }
  return out;
}

Json parse_reasoning(const Json& value) {
  Json out = Json{{"effort", nullptr}, {"summary", nullptr}};
  if (value.is_null()) return out;
  FieldReader reader(value, "reasoning");
  reader.allow_only({"effort", "summary", "generate_summary"});
  if (auto effort = reader.enum_string("effort", {"none", "minimal", "low", "medium", "high", "xhigh"})) {
    out["effort"] = *effort;
  }
  if (auto summary = reader.enum_string("summary", {"auto", "concise", "detailed"})) out["summary"] = *summary;
  return out;
}

std::string conversation_id_of(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (!value.is_object()) core::throw_invalid_type("conversation", "a string or an object", value);
  FieldReader reader(value, "conversation");
  reader.allow_only({"id"});
  return reader.required_string("id");
}
}  // namespace

bool ResponseRequest::includes(const std::string& what) const {
  return std::find(include.begin(), include.end(), Json(what)) != include.end();
}

const Json& ResponseRequest::default_text() {
  static const Json text = Json{{"format", Json{{"type", "text"}}}, {"verbosity", "medium"}};
  return text;
}

const Json& ResponseRequest::default_reasoning() {
  static const Json reasoning = Json{{"effort", nullptr}, {"summary", nullptr}};
  return reasoning;
}

ResponseRequest parse_response_request(const Json& body, BodyKind kind) {
  FieldReader reader(body, "");
  if (kind == BodyKind::input_tokens) {
    reader.allow_only({"model", "input", "instructions", "tools", "tool_choice", "parallel_tool_calls",
                       "previous_response_id", "conversation", "text", "truncation", "reasoning"});
  } else if (kind == BodyKind::compact) {
    reader.allow_only({"model", "input", "instructions", "previous_response_id", "prompt_cache_key"});
  } else {
    reader.allow_only({"model", "input", "instructions", "tools", "tool_choice", "parallel_tool_calls",
                       "store", "background", "stream", "stream_options", "previous_response_id",
                       "conversation", "metadata", "max_output_tokens", "max_tool_calls", "text",
                       "truncation", "include", "reasoning", "temperature", "top_p", "user",
                       "service_tier", "safety_identifier", "prompt_cache_key", "prompt",
                       "top_logprobs", "prompt_cache_retention"});
  }
  ResponseRequest request;
  if (auto model = reader.string("model", 256, kind == BodyKind::input_tokens)) {
    if (model->is_string()) request.model = model->get<std::string>();
  }
  if (!request.model && kind != BodyKind::input_tokens) core::throw_missing("model");
  if (reader.has_value("input")) request.input = parse_input(body["input"], "input");
  if (auto instructions = reader.string("instructions")) request.instructions = *instructions;
  if (reader.has("tools")) request.tools = parse_response_tools(body["tools"], "tools");
  if (reader.has("tool_choice")) request.tool_choice = parse_response_tool_choice(body["tool_choice"], "tool_choice");
  if (auto parallel = reader.boolean("parallel_tool_calls", false)) request.parallel_tool_calls = parallel->get<bool>();
  if (auto store = reader.boolean("store")) request.store = store->is_null() || store->get<bool>();
  if (auto background = reader.boolean("background")) request.background = background->is_boolean() && background->get<bool>();
  if (auto stream = reader.boolean("stream")) request.stream = stream->is_boolean() && stream->get<bool>();
  if (auto previous = reader.string("previous_response_id")) {
    if (previous->is_string()) request.previous_response_id = previous->get<std::string>();
  }
  if (reader.has_value("conversation")) request.conversation_id = conversation_id_of(body["conversation"]);
  if (request.previous_response_id && request.conversation_id) {
    throw http::errors::invalid_request(
        "Mutually exclusive parameters. Ensure you are only providing one of: "
        "'previous_response_id' or 'conversation'.",
        std::nullopt, "mutually_exclusive_parameters");
  }
  if (reader.has_value("metadata")) request.metadata = core::parse_metadata(body["metadata"], "metadata");
  if (auto max_tokens = reader.integer("max_output_tokens", 16, {})) request.max_output_tokens = *max_tokens;
  if (auto max_calls = reader.integer("max_tool_calls", 1, {})) request.max_tool_calls = *max_calls;
  if (reader.has("text")) request.text = parse_text(body["text"]);
  if (auto truncation = reader.enum_string("truncation", {"auto", "disabled"})) {
    if (!truncation->is_null()) request.truncation = *truncation;
  }
  if (auto include = reader.array("include")) {
    for (std::size_t i = 0; i < include->size(); ++i) {
      const Json& what = (*include)[i];
      const std::string param = "include[" + std::to_string(i) + "]";
      if (!what.is_string()) core::throw_invalid_type(param, "a string", what);
      if (std::find(k_includes.begin(), k_includes.end(), what.get<std::string>()) == k_includes.end()) {
        core::throw_invalid_value(param, what.get<std::string>(), k_includes);
      }
    }
    if (include->is_array()) request.include = *include;
  }
  if (reader.has("reasoning")) request.reasoning = parse_reasoning(body["reasoning"]);
  if (auto temperature = reader.number("temperature", 0, 2)) {
    if (!temperature->is_null()) request.temperature = *temperature;
  }
  if (auto top_p = reader.number("top_p", 0, 1)) {
    if (!top_p->is_null()) request.top_p = *top_p;
  }
  if (auto tier = reader.enum_string("service_tier", {"auto", "default", "flex", "scale", "priority"})) {
    if (!tier->is_null()) request.service_tier = *tier == "auto" ? Json("default") : *tier;
  }
  if (auto user = reader.string("user")) request.user = *user;
  if (request.background && !request.store) {
    throw http::errors::invalid_request("Background responses must be stored: 'store' cannot be false "
                                        "when 'background' is true.",
                                        "store", "invalid_value");
  }
  return request;
}

}  // namespace mock::responses
