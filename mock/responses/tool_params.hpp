#pragma once
// `tools` and `tool_choice` of a response. Unlike Assistants, a function tool is flat:
// {type: "function", name, parameters, strict, description}.
#include <string>

#include "http/json.hpp"

namespace mock::responses {

Json parse_response_tools(const Json& value, const std::string& path);
// "none" | "auto" | "required" | {type: function, name} | {type: code_interpreter | file_search}
Json parse_response_tool_choice(const Json& value, const std::string& path);

}  // namespace mock::responses
