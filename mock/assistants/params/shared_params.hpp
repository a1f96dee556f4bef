#pragma once
// Validators for the parts several request bodies share. Each takes the value as sent
// and its dotted path, throws the service's 400 on bad input, and returns the value as
// the service would store it (defaults filled in).
#include <optional>
#include <string>

#include "mock/assistants/model/status.hpp"
#include "mock/core/json.hpp"

namespace mock::assistants {

// map of string -> string; at most 16 pairs, keys <= 64, values <= 512 (FACTS.md §9.6).
// null stays null.
Json parse_metadata(const Json& value, const std::string& path);

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

// An id sent in a body or path must begin with its prefix, else 400 (FACTS.md §7).
void check_id_prefix(const std::string& param, const std::string& id, const std::string& prefix);

extern const std::vector<std::string> k_reasoning_efforts;

}  // namespace mock::assistants
