#pragma once
// What a handler may use: the store, the clock, ids, the run driver, the config.
// Nothing else, so a unit test can build one from fakes.
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "mock/assistants/lifecycle/run_driver.hpp"
#include "mock/assistants/store/store.hpp"
#include "mock/core/clock.hpp"
#include "mock/core/id_generator.hpp"
#include "mock/scenario/scenario.hpp"

namespace mock::vector_stores {
class ToolResourceLinks;  // mock/vector_stores/tool_resource_links.hpp
}

namespace mock::assistants {

struct AssistantsConfig {
  std::optional<std::string> api_key;  // when set, any other bearer key is refused
  std::int64_t poll_after_ms = 25;     // sent as openai-poll-after-ms so SDK polling is quick
};

struct Services {
  AssistantsStore& store;
  core::Clock& clock;
  core::IdGenerator& ids;
  RunDriver& runs;
  scenario::ScenarioBook& scenarios;
  const AssistantsConfig& config;
  const std::atomic<bool>& stopping;  // set when the server shuts down: streams end
  // Files and vector stores that tool_resources and attachments name; null: not checked.
  vector_stores::ToolResourceLinks* links = nullptr;
};

}  // namespace mock::assistants
