#pragma once
// What the Responses and Conversations handlers use; a test can build one from fakes.
#include <atomic>
#include <cstdint>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "mock/scenario/scenario.hpp"
#include "mock/core/clock.hpp"
#include "mock/core/id_generator.hpp"
#include "mock/responses/store.hpp"

namespace mock::responses {

struct ResponsesConfig {
  std::optional<std::string> api_key;  // when set, any other bearer key is refused
  std::int64_t step_ms = 10;           // pace of a background response (--run-step-ms)
};

// The vector stores the file_search tool searches (mock/vector_stores/file_search.hpp),
// kept behind functions so this surface does not depend on theirs.
struct FileSearchBackend {
  std::function<void(const std::string& vector_store_id)> require_vector_store;  // 404 if unknown
  std::function<Json(const Json& vector_store_ids, const std::string& query, std::size_t max_results)> search;
};

struct ResponsesServices {
  ResponsesStore& store;
  core::Clock& clock;
  core::IdGenerator& ids;
  scenario::ScenarioBook& scenarios;  // the same rules that script runs
  const ResponsesConfig& config;
  const std::atomic<bool>& stopping;  // set when the server shuts down: streams end
  const FileSearchBackend* file_search = nullptr;  // null: results only from scenarios
};

}  // namespace mock::responses
