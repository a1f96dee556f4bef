#pragma once
// What the Responses and Conversations handlers use; a test can build one from fakes.
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "mock/assistants/scenario/scenario.hpp"
#include "mock/core/clock.hpp"
#include "mock/core/id_generator.hpp"
#include "mock/responses/store.hpp"

namespace mock::responses {

struct ResponsesConfig {
  std::optional<std::string> api_key;  // when set, any other bearer key is refused
  std::int64_t step_ms = 10;           // pace of a background response (--run-step-ms)
};

struct ResponsesServices {
  ResponsesStore& store;
  core::Clock& clock;
  core::IdGenerator& ids;
  assistants::ScenarioBook& scenarios;  // the same rules that script runs
  const ResponsesConfig& config;
  const std::atomic<bool>& stopping;  // set when the server shuts down: streams end
};

}  // namespace mock::responses
