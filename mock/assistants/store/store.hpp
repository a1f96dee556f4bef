#pragma once
// All Assistants API state, behind one lock. A request reads and changes state inside
// one with_state() call, so concurrent clients never see half an update.
#include <mutex>
#include <shared_mutex>
#include <utility>

#include "mock/assistants/model/objects.hpp"
#include "mock/core/ordered_collection.hpp"

namespace mock::assistants {

struct AssistantsState {
  core::OrderedCollection<Assistant> assistants;
  core::OrderedCollection<Thread> threads;  // each thread owns its messages and runs
};

class AssistantsStore {
public:
  template <class Fn>
  decltype(auto) with_state(Fn&& fn) {
    std::unique_lock lock(m_mutex);
    return std::forward<Fn>(fn)(m_state);
  }

  // For handlers that only read and need no run to advance (assistants): readers run
  // side by side.
  template <class Fn>
  decltype(auto) read_state(Fn&& fn) {
    std::shared_lock lock(m_mutex);
    return std::forward<Fn>(fn)(std::as_const(m_state));
  }

  void reset() {
    std::unique_lock lock(m_mutex);
    m_state.assistants.clear();
    m_state.threads.clear();
  }

private:
  std::shared_mutex m_mutex;
  AssistantsState m_state;
};

}  // namespace mock::assistants
