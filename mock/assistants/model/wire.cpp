#include "mock/assistants/model/wire.hpp"

#include <string>

#include "mock/assistants/model/wire_sinks.hpp"

namespace mock::assistants {
namespace {
template <class T>
Json optional_json(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

// v1 knows `retrieval` where v2 has `file_search`, and no `strict` on functions.
Json v1_tools(const Json& tools) {
  Json out = Json::array();
  for (const Json& tool : tools) {
    if (tool["type"] == "file_search") {
      out.push_back(Json{{"type", "retrieval"}});
    } else if (tool["type"] == "function") {
      Json function = tool["function"];
      function.erase("strict");
      out.push_back(Json{{"type", "function"}, {"function", function}});
    } else {
      out.push_back(tool);
    }
  }
  return out;
}


Json v1_step_details(const Json& details) {
  if (details["type"] != "tool_calls") return details;
  Json out = details;
  for (Json& call : out["tool_calls"]) {
    if (call["type"] == "file_search") call = Json{{"id", call["id"]}, {"type", "retrieval"}, {"retrieval", Json::object()}};
    if (call["type"] == "function") call["function"].erase("strict");
  }
  return out;
}
}  // namespace

namespace {
template <class Sink>
void write_assistant(Sink& out, const Assistant& a, ApiVersion version) {
  out.field("id", a.id);
  out.field("object", "assistant");
  out.field("created_at", a.created_at);
  out.field("name", a.name);
  out.field("description", a.description);
  out.field("model", a.model);
  out.field("instructions", a.instructions);
  if (version == ApiVersion::v1) {
    out.json_field("tools", v1_tools(a.tools));
    out.json_field("file_ids", a.file_ids);
    out.json_field("metadata", a.metadata);
    return;
  }
  out.json_field("tools", a.tools);
  out.json_field("tool_resources", a.tool_resources);
  out.json_field("metadata", a.metadata);
  out.field("top_p", a.top_p);
  out.field("temperature", a.temperature);
  if (a.reasoning_effort) out.field("reasoning_effort", *a.reasoning_effort);
  out.json_field("response_format", a.response_format);
}

template <class Sink>
void write_thread(Sink& out, const Thread& t, ApiVersion version) {
  out.field("id", t.id);
  out.field("object", "thread");
  out.field("created_at", t.created_at);
  if (version == ApiVersion::v2) out.json_field("tool_resources", t.tool_resources);
  out.json_field("metadata", t.metadata);
}
}  // namespace

Json to_wire(const Assistant& a, ApiVersion version) {
  JsonSink out;
  write_assistant(out, a, version);
  return out.take();
}

std::string wire_text(const Assistant& a, ApiVersion version) {
  TextSink out;
  write_assistant(out, a, version);
  return out.take();
}

Json to_wire(const Thread& t, ApiVersion version) {
  JsonSink out;
  write_thread(out, t, version);
  return out.take();
}

std::string wire_text(const Thread& t, ApiVersion version) {
  TextSink out;
  write_thread(out, t, version);
  return out.take();
}

namespace {
// A message without attachments or metadata keeps null (objects.hpp); the wire shows [] and {}.
const Json& array_if_null(const Json& value) {
  static const Json empty = Json::array();
  return value.is_null() ? empty : value;
}
const Json& object_if_null(const Json& value) {
  static const Json empty = Json::object();
  return value.is_null() ? empty : value;
}

template <class Sink>
void write_message(Sink& out, const Message& m, ApiVersion version) {
  if (version == ApiVersion::v1) {
    // The December 2023 shape: no status or completion fields, file_ids for attachments.
    out.field("id", m.id);
    out.field("object", "thread.message");
    out.field("created_at", m.created_at);
    out.field("thread_id", m.thread_id);
    out.field("role", to_string(m.role));
    out.content_field("content", m.content);
    Json file_ids = Json::array();
    for (const Json& attachment : m.attachments) file_ids.push_back(attachment["file_id"]);
    out.json_field("file_ids", file_ids);
    out.field("assistant_id", m.assistant_id);
    out.field("run_id", m.run_id);
    out.json_field("metadata", object_if_null(m.metadata));
    return;
  }
  out.field("id", m.id);
  out.field("object", "thread.message");
  out.field("created_at", m.created_at);
  out.field("assistant_id", m.assistant_id);
  out.field("thread_id", m.thread_id);
  out.field("run_id", m.run_id);
  out.field("status", to_string(m.status));
  out.json_field("incomplete_details", m.incomplete_details);
  out.field("incomplete_at", m.incomplete_at);
  out.field("completed_at", m.completed_at);
  out.field("role", to_string(m.role));
  out.content_field("content", m.content);
  out.json_field("attachments", array_if_null(m.attachments));
  out.json_field("metadata", object_if_null(m.metadata));
}
}  // namespace

Json to_wire(const Message& m, ApiVersion version) {
  JsonSink out;
  write_message(out, m, version);
  return out.take();
}

std::string wire_text(const Message& m, ApiVersion version) {
  TextSink out;
  write_message(out, m, version);
  return out.take();
}

Json to_wire(const Run& r, ApiVersion version) {
  const bool v1 = version == ApiVersion::v1;
  // v1 has no `incomplete` status: a run that ended incomplete is a completed run to v1,
  // completed when it ended.
  const bool shown_completed = v1 && r.status == RunStatus::incomplete;
  Json out = Json::object();
  out["id"] = r.id;
  out["object"] = "thread.run";
  out["created_at"] = r.created_at;
  out["assistant_id"] = r.assistant_id;
  out["thread_id"] = r.thread_id;
  out["status"] = shown_completed ? "completed" : std::string(to_string(r.status));
  out["started_at"] = optional_json(r.started_at);
  out["expires_at"] = optional_json(r.expires_at);
  out["cancelled_at"] = optional_json(r.cancelled_at);
  out["failed_at"] = optional_json(r.failed_at);
  out["completed_at"] = optional_json(shown_completed ? r.progress.ended_at : r.completed_at);
  out["required_action"] = r.required_action;
  out["last_error"] = r.last_error;
  out["model"] = r.model;
  out["instructions"] = r.instructions;
  if (v1) {
    // The seed article's run, plus required_action, which the spec requires and the
    // article's (queued and completed) runs leave out.
    out["tools"] = v1_tools(r.tools);
    out["file_ids"] = r.file_ids;
    out["metadata"] = r.metadata;
    return out;
  }
  out["tools"] = r.tools;
  out["metadata"] = r.metadata;
  out["temperature"] = r.temperature;
  out["top_p"] = r.top_p;
  out["max_completion_tokens"] = r.max_completion_tokens;
  out["max_prompt_tokens"] = r.max_prompt_tokens;
  out["truncation_strategy"] = r.truncation_strategy;
  out["incomplete_details"] = r.incomplete_details;
  out["usage"] = r.usage;
  out["response_format"] = r.response_format;
  out["tool_choice"] = r.tool_choice;
  out["parallel_tool_calls"] = r.parallel_tool_calls;
  return out;
}

Json to_wire(const RunStep& s, ApiVersion version) {
  Json out = Json::object();
  out["id"] = s.id;
  out["object"] = "thread.run.step";
  out["created_at"] = s.created_at;
  out["run_id"] = s.run_id;
  out["assistant_id"] = s.assistant_id;
  out["thread_id"] = s.thread_id;
  out["type"] = std::string(to_string(s.type));
  out["status"] = std::string(to_string(s.status));
  out["cancelled_at"] = optional_json(s.cancelled_at);
  out["completed_at"] = optional_json(s.completed_at);
  if (version == ApiVersion::v1) {
    // The seed article's steps show `expires_at` where the spec declares `expired_at`;
    // both are sent (same value), and `metadata`, which the spec requires and the
    // article leaves out, is null.
    out["expires_at"] = optional_json(s.expired_at);
    out["failed_at"] = optional_json(s.failed_at);
    out["last_error"] = s.last_error;
    out["step_details"] = v1_step_details(s.step_details);
    out["expired_at"] = optional_json(s.expired_at);
    out["metadata"] = nullptr;
    return out;
  }
  out["expired_at"] = optional_json(s.expired_at);
  out["failed_at"] = optional_json(s.failed_at);
  out["last_error"] = s.last_error;
  out["step_details"] = s.step_details;
  out["usage"] = s.usage;
  out["metadata"] = s.metadata;
  return out;
}

namespace {
// Copies `from` into a new object, inserting `extra`'s keys right after key `after`.
Json insert_after(const Json& from, const std::string& after, const Json& extra) {
  Json out = Json::object();
  for (const auto& [key, value] : from.items()) {
    out[key] = value;
    if (key == after) {
      for (const auto& [extra_key, extra_value] : extra.items()) out[extra_key] = extra_value;
    }
  }
  return out;
}
}  // namespace

Json to_stream_wire(const Message& m, ApiVersion version) {
  if (version == ApiVersion::v2) return to_wire(m, version);
  Json extra = Json::object();
  extra["status"] = std::string(to_string(m.status));
  extra["incomplete_details"] = m.incomplete_details;
  extra["completed_at"] = optional_json(m.completed_at);
  extra["incomplete_at"] = optional_json(m.incomplete_at);
  return insert_after(to_wire(m, version), "thread_id", extra);
}

Json to_stream_wire(const Run& r, ApiVersion version) {
  Json out = to_wire(r, version);
  if (version == ApiVersion::v2) return out;
  out = insert_after(out, "completed_at", Json{{"incomplete_details", r.incomplete_details}});
  out["usage"] = r.usage;
  out["temperature"] = r.temperature;
  out["top_p"] = r.top_p;
  out["max_prompt_tokens"] = r.max_prompt_tokens;
  out["max_completion_tokens"] = r.max_completion_tokens;
  out["truncation_strategy"] = r.truncation_strategy;
  out["tool_choice"] = r.tool_choice;
  out["response_format"] = r.response_format;
  return out;
}

Json to_stream_wire(const RunStep& s, ApiVersion version) {
  Json out = to_wire(s, version);
  if (version == ApiVersion::v1) out["usage"] = s.usage;
  return out;
}

void set_code_interpreter_files(Assistant& assistant, Json file_ids) {
  if (file_ids.empty()) {
    assistant.tool_resources.erase("code_interpreter");
  } else {
    assistant.tool_resources["code_interpreter"] = Json{{"file_ids", file_ids}};
  }
  assistant.file_ids = std::move(file_ids);
}

Json deleted_wire(const std::string& id, const std::string& object) {
  Json out = Json::object();
  out["id"] = id;
  out["object"] = object + ".deleted";
  out["deleted"] = true;
  return out;
}

}  // namespace mock::assistants
