#pragma once
// Assistant create and modify bodies as the assistant handlers read them: validated once by
// parse_create_assistant / parse_modify_assistant (request_params.hpp), then held in types,
// so a handler applies fields instead of looking keys up in JSON.
#include <optional>
#include <string>

#include "http/json.hpp"
#include "mock/assistants/model/status.hpp"
#include "mock/core/normalised_fields.hpp"

namespace mock::assistants {

// The fields a request sets; an empty optional leaves the assistant's value alone.
// tools, tool_resources, response_format and file_ids stay JSON: they are stored and
// shown as the service normalised them (parse_tools, parse_tool_resources, ...), and
// tool_resources is rewritten in place when its vector store helper makes stores.
struct AssistantFields {
  std::optional<std::string> model;  // always set on create
  core::Sent<std::string> name;      // null clears
  core::Sent<std::string> description;
  core::Sent<std::string> instructions;
  core::Sent<std::string> reasoning_effort;
  std::optional<Json> tools;
  std::optional<Json> tool_resources;
  std::optional<Json> file_ids;  // v1 only; null was sent as [] (no files)
  std::optional<Json> metadata;  // null was sent as {}
  core::Sent<double> temperature;  // null restores the default
  core::Sent<double> top_p;
  std::optional<Json> response_format;
};

// Throw the service's 400 errors, as the parse_* functions do.
AssistantFields read_create_assistant(const Json& body, ApiVersion version);
AssistantFields read_modify_assistant(const Json& body, ApiVersion version);

}  // namespace mock::assistants
