#pragma once
// Matching a request path against API path templates ("/v1/threads/{thread_id}/runs").
#include <string_view>
#include <vector>

namespace contracts {

// The path's segments without the query string and empty segments.
std::vector<std::string_view> path_segments(std::string_view path);

// -1 when `path` does not fit `pattern`; otherwise the number of literal segments matched,
// so that /v1/threads/runs is preferred to /v1/threads/{thread_id}.
int match_path_template(std::string_view pattern, const std::vector<std::string_view>& path);

}  // namespace contracts
