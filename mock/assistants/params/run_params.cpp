#include "mock/core/field_reader.hpp"
#include "mock/assistants/params/request_params.hpp"
#include "mock/assistants/params/shared_params.hpp"

namespace mock::assistants {
namespace {
constexpr std::size_t k_max_run_tools = 20;
constexpr std::int64_t k_min_token_cap = 256;

// The overrides create-run and create-thread-and-run share.
void read_run_overrides(const core::FieldReader& reader, Json& out, ApiVersion version) {
  const std::string assistant_id = reader.required_string("assistant_id");
  core::check_id_prefix("assistant_id", assistant_id, "asst_");
  out["assistant_id"] = assistant_id;
  if (auto model = reader.string("model")) out["model"] = *model;
  if (auto instructions = reader.string("instructions", 256000)) out["instructions"] = *instructions;
  if (reader.has("tools")) out["tools"] = reader.get("tools").is_null()
                                              ? Json(nullptr)
                                              : parse_tools(reader.get("tools"), "tools", k_max_run_tools, version);
  if (reader.has("metadata")) {
    out["metadata"] = core::parse_metadata(reader.get("metadata"), "metadata");
  }
  if (auto temperature = reader.number("temperature", 0.0, 2.0)) out["temperature"] = *temperature;
  if (auto top_p = reader.number("top_p", 0.0, 1.0)) out["top_p"] = *top_p;
  if (auto stream = reader.boolean("stream")) out["stream"] = *stream;
  if (auto cap = reader.integer("max_prompt_tokens", k_min_token_cap, std::nullopt)) {
    out["max_prompt_tokens"] = *cap;
  }
  if (auto cap = reader.integer("max_completion_tokens", k_min_token_cap, std::nullopt)) {
    out["max_completion_tokens"] = *cap;
  }
  if (reader.has("truncation_strategy")) {
    out["truncation_strategy"] =
        parse_truncation_strategy(reader.get("truncation_strategy"), "truncation_strategy");
  }
  if (reader.has("tool_choice")) {
    out["tool_choice"] = parse_tool_choice(reader.get("tool_choice"), "tool_choice", version);
  }
  if (version == ApiVersion::v2) {
    if (auto parallel = reader.boolean("parallel_tool_calls", false)) {
      out["parallel_tool_calls"] = *parallel;
    }
  }
  if (reader.has("response_format")) {
    out["response_format"] =
        parse_response_format(reader.get("response_format"), "response_format", version);
  }
}
}  // namespace

Json parse_create_run(const Json& body, ApiVersion version) {
  core::FieldReader reader(body, "");
  if (version == ApiVersion::v1) {
    reader.allow_only({"assistant_id", "model", "instructions", "additional_instructions",
                       "additional_messages", "tools", "metadata", "temperature", "top_p",
                       "stream", "max_prompt_tokens", "max_completion_tokens",
                       "truncation_strategy", "tool_choice", "response_format"});
  } else {
    reader.allow_only({"assistant_id", "model", "reasoning_effort", "instructions",
                       "additional_instructions", "additional_messages", "tools", "metadata",
                       "temperature", "top_p", "stream", "max_prompt_tokens",
                       "max_completion_tokens", "truncation_strategy", "tool_choice",
                       "parallel_tool_calls", "response_format"});
  }
  Json out = Json::object();
  read_run_overrides(reader, out, version);
  if (auto effort = reader.enum_string("reasoning_effort", k_reasoning_efforts)) {
    out["reasoning_effort"] = *effort;
  }
  if (auto extra = reader.string("additional_instructions")) {
    out["additional_instructions"] = *extra;
  }
  Json messages = Json::array();
  if (auto given = reader.array("additional_messages")) {
    if (!given->is_null()) {
      for (std::size_t i = 0; i < given->size(); ++i) {
        messages.push_back(parse_create_message(
            (*given)[i], "additional_messages[" + std::to_string(i) + "]", version));
      }
    }
  }
  out["additional_messages"] = messages;
  return out;
}

Json parse_create_thread_and_run(const Json& body, ApiVersion version) {
  core::FieldReader reader(body, "");
  if (version == ApiVersion::v1) {
    reader.allow_only({"assistant_id", "thread", "model", "instructions", "tools", "metadata",
                       "temperature", "top_p", "stream", "max_prompt_tokens",
                       "max_completion_tokens", "truncation_strategy", "tool_choice",
                       "response_format"});
  } else {
    reader.allow_only({"assistant_id", "thread", "model", "instructions", "tools",
                       "tool_resources", "metadata", "temperature", "top_p", "stream",
                       "max_prompt_tokens", "max_completion_tokens", "truncation_strategy",
                       "tool_choice", "parallel_tool_calls", "response_format"});
  }
  Json out = Json::object();
  read_run_overrides(reader, out, version);
  const auto thread = reader.object("thread");
  out["thread"] = parse_create_thread(thread && !thread->is_null() ? *thread : Json::object(),
                                      "thread", version);
  if (reader.has("tool_resources")) {
    out["tool_resources"] =
        parse_tool_resources(reader.get("tool_resources"), "tool_resources", false);
  }
  return out;
}

Json parse_submit_tool_outputs(const Json& body) {
  core::FieldReader reader(body, "");
  reader.allow_only({"tool_outputs", "stream"});
  Json out = Json::object();
  const auto outputs = reader.array("tool_outputs", std::nullopt, false);
  if (!outputs) core::throw_missing("tool_outputs");
  Json normalised = Json::array();
  for (std::size_t i = 0; i < outputs->size(); ++i) {
    core::FieldReader item((*outputs)[i], "tool_outputs[" + std::to_string(i) + "]");
    item.allow_only({"tool_call_id", "output"});
    Json entry = Json::object();
    entry["tool_call_id"] = item.required_string("tool_call_id");
    entry["output"] = item.required_string("output");
    normalised.push_back(std::move(entry));
  }
  out["tool_outputs"] = normalised;
  if (auto stream = reader.boolean("stream")) out["stream"] = *stream;
  return out;
}

}  // namespace mock::assistants
