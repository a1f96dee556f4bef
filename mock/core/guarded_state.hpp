#pragma once
// A state behind one mutex: every access is a function run under the lock, so no caller
// sees half of a change. For surfaces whose requests each read and change several objects
// at once (a response reads its chain and appends to its conversation).
#include <mutex>
#include <utility>

namespace mock::core {

template <class State>
class GuardedState {
public:
  template <class Fn>
  decltype(auto) with_state(Fn&& fn) {
    std::lock_guard lock(m_mutex);
    return std::forward<Fn>(fn)(m_state);
  }

  // Back to a fresh State (admin reset).
  void reset() {
    std::lock_guard lock(m_mutex);
    m_state = State{};
  }

private:
  std::mutex m_mutex;
  State m_state;
};

}  // namespace mock::core
