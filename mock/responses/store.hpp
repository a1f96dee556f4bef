#pragma once
// All Responses and Conversations state behind one lock: a response reads its chain or
// conversation and appends to it in one step, so no reader sees half of it.
#include <mutex>
#include <utility>

#include "mock/responses/objects.hpp"

namespace mock::responses {

class ResponsesStore {
public:
  template <class Fn>
  decltype(auto) with_state(Fn&& fn) {
    std::lock_guard lock(m_mutex);
    return std::forward<Fn>(fn)(m_state);
  }

  void reset() {
    std::lock_guard lock(m_mutex);
    m_state.conversations.clear();
    m_state.responses.clear();
    m_state.running.clear();
  }

private:
  std::mutex m_mutex;
  ResponsesState m_state;
};

}  // namespace mock::responses
