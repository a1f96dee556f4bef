#include "contracts/endpoint_map.hpp"

#include <algorithm>

#include "contracts/path_template.hpp"

namespace contracts {
namespace {

enum Versions : unsigned { k_v1 = 1U, k_v2 = 2U, k_both = 3U };

struct Row {
  const char* method;
  const char* pattern;  // {name} matches one path segment
  const char* schema;   // nullptr: the answer is not JSON (file content)
  unsigned versions;
  bool may_stream;      // answers text/event-stream when the request says stream: true
};

// FACTS.md §2.1 (v1) and §3.1 (v2), in the order of the API reference.
constexpr Row k_rows[] = {
    {"GET", "/v1/assistants", "assistant_list", k_both, false},
    {"POST", "/v1/assistants", "assistant", k_both, false},
    {"GET", "/v1/assistants/{assistant_id}", "assistant", k_both, false},
    {"POST", "/v1/assistants/{assistant_id}", "assistant", k_both, false},
    {"DELETE", "/v1/assistants/{assistant_id}", "assistant_deleted", k_both, false},
    {"GET", "/v1/assistants/{assistant_id}/files", "assistant_file_list", k_v1, false},
    {"POST", "/v1/assistants/{assistant_id}/files", "assistant_file", k_v1, false},
    {"GET", "/v1/assistants/{assistant_id}/files/{file_id}", "assistant_file", k_v1, false},
    {"DELETE", "/v1/assistants/{assistant_id}/files/{file_id}", "assistant_file_deleted", k_v1, false},

    {"POST", "/v1/threads", "thread", k_both, false},
    {"GET", "/v1/threads/{thread_id}", "thread", k_both, false},
    {"POST", "/v1/threads/{thread_id}", "thread", k_both, false},
    {"DELETE", "/v1/threads/{thread_id}", "thread_deleted", k_both, false},

    {"GET", "/v1/threads/{thread_id}/messages", "message_list", k_both, false},
    {"POST", "/v1/threads/{thread_id}/messages", "message", k_both, false},
    {"GET", "/v1/threads/{thread_id}/messages/{message_id}", "message", k_both, false},
    {"POST", "/v1/threads/{thread_id}/messages/{message_id}", "message", k_both, false},
    {"DELETE", "/v1/threads/{thread_id}/messages/{message_id}", "message_deleted", k_v2, false},
    {"GET", "/v1/threads/{thread_id}/messages/{message_id}/files", "message_file_list", k_v1, false},
    {"GET", "/v1/threads/{thread_id}/messages/{message_id}/files/{file_id}", "message_file", k_v1, false},

    {"POST", "/v1/threads/runs", "run", k_both, true},
    {"GET", "/v1/threads/{thread_id}/runs", "run_list", k_both, false},
    {"POST", "/v1/threads/{thread_id}/runs", "run", k_both, true},
    {"GET", "/v1/threads/{thread_id}/runs/{run_id}", "run", k_both, false},
    {"POST", "/v1/threads/{thread_id}/runs/{run_id}", "run", k_both, false},
    {"POST", "/v1/threads/{thread_id}/runs/{run_id}/submit_tool_outputs", "run", k_both, true},
    {"POST", "/v1/threads/{thread_id}/runs/{run_id}/cancel", "run", k_both, false},
    {"GET", "/v1/threads/{thread_id}/runs/{run_id}/steps", "run_step_list", k_both, false},
    {"GET", "/v1/threads/{thread_id}/runs/{run_id}/steps/{step_id}", "run_step", k_both, false},

    {"GET", "/v1/vector_stores", "vector_store_list", k_v2, false},
    {"POST", "/v1/vector_stores", "vector_store", k_v2, false},
    {"GET", "/v1/vector_stores/{vector_store_id}", "vector_store", k_v2, false},
    {"POST", "/v1/vector_stores/{vector_store_id}", "vector_store", k_v2, false},
    {"DELETE", "/v1/vector_stores/{vector_store_id}", "vector_store_deleted", k_v2, false},
    {"GET", "/v1/vector_stores/{vector_store_id}/files", "vector_store_file_list", k_v2, false},
    {"POST", "/v1/vector_stores/{vector_store_id}/files", "vector_store_file", k_v2, false},
    {"GET", "/v1/vector_stores/{vector_store_id}/files/{file_id}", "vector_store_file", k_v2, false},
    {"POST", "/v1/vector_stores/{vector_store_id}/files/{file_id}", "vector_store_file", k_v2, false},
    {"DELETE", "/v1/vector_stores/{vector_store_id}/files/{file_id}", "vector_store_file_deleted", k_v2, false},
    {"POST", "/v1/vector_stores/{vector_store_id}/file_batches", "vector_store_files_batch", k_v2, false},
    {"GET", "/v1/vector_stores/{vector_store_id}/file_batches/{batch_id}", "vector_store_files_batch", k_v2, false},
    {"POST", "/v1/vector_stores/{vector_store_id}/file_batches/{batch_id}/cancel", "vector_store_files_batch", k_v2, false},
    {"GET", "/v1/vector_stores/{vector_store_id}/file_batches/{batch_id}/files", "vector_store_file_list", k_v2, false},

    {"POST", "/v1/files", "file", k_both, false},
    {"GET", "/v1/files", "file_list", k_both, false},
    {"GET", "/v1/files/{file_id}", "file", k_both, false},
    {"DELETE", "/v1/files/{file_id}", "file_deleted", k_both, false},
    {"GET", "/v1/files/{file_id}/content", nullptr, k_both, false},
};

const Row* find_row(std::string_view method, std::string_view path) {
  const std::vector<std::string_view> segments = path_segments(path);
  const Row* best = nullptr;
  int best_score = -1;
  for (const Row& row : k_rows) {
    if (method != row.method) continue;
    const int score = match_path_template(row.pattern, segments);
    if (score > best_score) {
      best = &row;
      best_score = score;
    }
  }
  return best;
}

unsigned version_bit(ApiVersion version) { return is_v1(version) ? k_v1 : k_v2; }

}  // namespace

std::optional<EndpointContract> find_endpoint_contract(std::string_view method, std::string_view path,
                                                       int status, ApiVersion version, bool streamed) {
  const Row* row = find_row(method, path);
  // Every error answer is the error envelope, even on a path the version lacks (a v1 client
  // deleting a message gets a 404 envelope) or on no API path at all.
  if (status >= 400) {
    const std::string where(path.substr(0, path.find('?')));
    return EndpointContract{row != nullptr ? std::string(row->method) + " " + row->pattern
                                           : std::string(method) + " " + where,
                            "error"};
  }
  if (row == nullptr || (row->versions & version_bit(version)) == 0U) return std::nullopt;
  std::string endpoint = std::string(row->method) + " " + row->pattern;
  if (status < 200 || status >= 300 || row->schema == nullptr) return std::nullopt;
  if (streamed) {
    // Streams exist from v1 2024-03-27 on; the December 2023 contract has no events.
    if (!row->may_stream || version == ApiVersion::v1_2023_12) return std::nullopt;
    return EndpointContract{std::move(endpoint), "stream_event"};
  }
  return EndpointContract{std::move(endpoint), row->schema};
}

std::optional<std::string> endpoint_name(std::string_view method, std::string_view path) {
  const Row* row = find_row(method, path);
  if (row == nullptr) return std::nullopt;
  return std::string(row->method) + " " + row->pattern;
}

std::vector<std::string> endpoints_with_schema(ApiVersion version) {
  std::vector<std::string> endpoints;
  for (const Row& row : k_rows) {
    if (row.schema != nullptr && (row.versions & version_bit(version)) != 0U) {
      endpoints.push_back(std::string(row.method) + " " + row.pattern);
    }
  }
  return endpoints;
}

std::vector<std::string> schemas_used(ApiVersion version) {
  std::vector<std::string> names = {"error"};
  if (version != ApiVersion::v1_2023_12) names.emplace_back("stream_event");
  for (const Row& row : k_rows) {
    if (row.schema == nullptr || (row.versions & version_bit(version)) == 0U) continue;
    if (std::find(names.begin(), names.end(), row.schema) == names.end()) names.emplace_back(row.schema);
  }
  return names;
}

}  // namespace contracts
