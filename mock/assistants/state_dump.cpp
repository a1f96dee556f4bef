#include "mock/assistants/state_dump.hpp"

#include "mock/assistants/model/wire.hpp"

namespace mock::assistants {

Json dump_state(Services& services) {
  return services.store.with_state([&](AssistantsState& state) {
    Json assistants = Json::array();
    state.assistants.for_each([&](const Assistant& a) { assistants.push_back(to_wire(a)); });
    Json threads = Json::array();
    const std::int64_t now_ms = services.clock.now_ms();
    state.threads.for_each([&](Thread& thread) {
      services.runs.advance(thread, now_ms);
      Json messages = Json::array();
      thread.messages.for_each([&](const Message& m) { messages.push_back(to_wire(m)); });
      Json runs = Json::array();
      thread.runs.for_each([&](const Run& run) {
        Json steps = Json::array();
        run.steps.for_each([&](const RunStep& s) { steps.push_back(to_wire(s)); });
        Json entry = to_wire(run);
        entry["steps"] = std::move(steps);
        runs.push_back(std::move(entry));
      });
      Json entry = to_wire(thread);
      entry["messages"] = std::move(messages);
      entry["runs"] = std::move(runs);
      threads.push_back(std::move(entry));
    });
    return Json{{"assistants", std::move(assistants)}, {"threads", std::move(threads)}};
  });
}

}  // namespace mock::assistants
