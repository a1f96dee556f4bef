#pragma once
// Validators for the parts several request bodies share. Each takes the value as sent
// and its dotted path, throws the service's 400 on bad input, and returns the value as
// the service would store it (defaults filled in).
#include <optional>
#include <string>

#include "http/json.hpp"
#include "mock/assistants/model/status.hpp"
#include "mock/core/field_reader.hpp"

namespace mock::assistants {

// "auto" | {type: text | json_object | json_schema, json_schema?: {...}}
Json parse_response_format(const Json& value, const std::string& path,
                           ApiVersion version = ApiVersion::v2);
// "none" | "auto" | "required" | {type: function|code_interpreter|file_search, function?: {name}}
Json parse_tool_choice(const Json& value, const std::string& path,
                       ApiVersion version = ApiVersion::v2);
// {type: auto | last_messages, last_messages?: int >= 1 | null}
Json parse_truncation_strategy(const Json& value, const std::string& path);

// Tools of an assistant or run: code_interpreter | file_search | function.
// v1 takes `retrieval` (stored as file_search) and no `strict`.
Json parse_tools(const Json& value, const std::string& path, std::size_t max_items,
                 ApiVersion version = ApiVersion::v2);
// v1 file_ids: file ids, at most max_items.
Json parse_file_ids(const Json& value, const std::string& path, std::size_t max_items);
// {code_interpreter?: {file_ids<=20}, file_search?: {vector_store_ids<=1 | vector_stores<=1}}
Json parse_tool_resources(const Json& value, const std::string& path, bool allow_vector_store_helper);

extern const std::vector<std::string> k_reasoning_efforts;

}  // namespace mock::assistants
