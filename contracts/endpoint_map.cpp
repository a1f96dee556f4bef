#include "contracts/endpoint_map.hpp"

#include <algorithm>

#include "contracts/path_template.hpp"

namespace contracts {
namespace {

// k_responses: the Responses and Conversations API, whose contract does not depend on the
// Assistants version (no OpenAI-Beta header applies); its schemas are in k_responses_directory.
enum Versions : unsigned { k_v1 = 1U, k_v2 = 2U, k_both = 3U, k_responses = 4U };

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

    // RESPONSES.md §2: the 15 endpoints of the successor API.
    {"POST", "/v1/responses", "response", k_responses, true},
    {"GET", "/v1/responses/{response_id}", "response", k_responses, true},
    {"DELETE", "/v1/responses/{response_id}", "response_deleted", k_responses, false},
    {"POST", "/v1/responses/{response_id}/cancel", "response", k_responses, false},
    {"GET", "/v1/responses/{response_id}/input_items", "response_item_list", k_responses, false},
    {"POST", "/v1/responses/input_tokens", "input_tokens", k_responses, false},
    {"POST", "/v1/responses/compact", "compacted_response", k_responses, false},
    {"POST", "/v1/conversations", "conversation", k_responses, false},
    {"GET", "/v1/conversations/{conversation_id}", "conversation", k_responses, false},
    {"POST", "/v1/conversations/{conversation_id}", "conversation", k_responses, false},
    {"DELETE", "/v1/conversations/{conversation_id}", "conversation_deleted", k_responses, false},
    {"POST", "/v1/conversations/{conversation_id}/items", "conversation_item_list", k_responses, false},
    {"GET", "/v1/conversations/{conversation_id}/items", "conversation_item_list", k_responses, false},
    {"GET", "/v1/conversations/{conversation_id}/items/{item_id}", "conversation_item", k_responses, false},
    {"DELETE", "/v1/conversations/{conversation_id}/items/{item_id}", "conversation", k_responses, false},
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

std::string endpoint_of(const Row& row) { return std::string(row.method) + " " + row.pattern; }

// A Responses row's contract: the same for every Assistants version.
std::optional<EndpointContract> responses_contract(const Row& row, int status, bool streamed) {
  const std::string directory(k_responses_directory);
  if (status >= 400) return EndpointContract{endpoint_of(row), "error", directory};
  if (status < 200 || status >= 300 || (streamed && !row.may_stream)) return std::nullopt;
  return EndpointContract{endpoint_of(row), streamed ? "stream_event" : row.schema, directory};
}

}  // namespace

std::optional<EndpointContract> find_endpoint_contract(std::string_view method, std::string_view path,
                                                       int status, ApiVersion version, bool streamed) {
  const Row* row = find_row(method, path);
  if (row != nullptr && row->versions == k_responses) return responses_contract(*row, status, streamed);
  // Every error answer is the error envelope, even on a path the version lacks (a v1 client
  // deleting a message gets a 404 envelope) or on no API path at all.
  if (status >= 400) {
    const std::string where(path.substr(0, path.find('?')));
    return EndpointContract{row != nullptr ? endpoint_of(*row) : std::string(method) + " " + where, "error",
                            to_string(version)};
  }
  if (row == nullptr || (row->versions & version_bit(version)) == 0U) return std::nullopt;
  std::string endpoint = endpoint_of(*row);
  if (status < 200 || status >= 300 || row->schema == nullptr) return std::nullopt;
  if (streamed) {
    // Streams exist from v1 2024-03-27 on; the December 2023 contract has no events.
    if (!row->may_stream || version == ApiVersion::v1_2023_12) return std::nullopt;
    return EndpointContract{std::move(endpoint), "stream_event", to_string(version)};
  }
  return EndpointContract{std::move(endpoint), row->schema, to_string(version)};
}

std::optional<std::string> endpoint_name(std::string_view method, std::string_view path) {
  const Row* row = find_row(method, path);
  if (row == nullptr) return std::nullopt;
  return endpoint_of(*row);
}

std::vector<std::string> endpoints_with_schema(ApiVersion version) {
  std::vector<std::string> endpoints;
  for (const Row& row : k_rows) {
    if (row.schema != nullptr && (row.versions & version_bit(version)) != 0U) {
      endpoints.push_back(endpoint_of(row));
    }
  }
  return endpoints;
}

std::vector<std::string> responses_endpoints() {
  std::vector<std::string> endpoints;
  for (const Row& row : k_rows) {
    if (row.versions == k_responses) endpoints.push_back(endpoint_of(row));
  }
  return endpoints;
}

bool is_responses_endpoint(std::string_view method, std::string_view path) {
  const Row* row = find_row(method, path.substr(0, path.find('?')));
  return row != nullptr && row->versions == k_responses;
}

std::vector<std::string> responses_schemas_used() {
  std::vector<std::string> names = {"error", "stream_event"};
  for (const Row& row : k_rows) {
    if (row.versions != k_responses) continue;
    if (std::find(names.begin(), names.end(), row.schema) == names.end()) names.emplace_back(row.schema);
  }
  return names;
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
