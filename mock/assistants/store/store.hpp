#pragma once
// All Assistants API state. Two levels of locks: the store's lock guards which objects
// exist (assistants, threads) and the assistants' contents; each thread's own lock guards
// what is inside it (messages, runs, steps). A request takes the store lock, then at most
// one thread lock, never the other way round, so requests to different threads run side
// by side and none sees half an update.
#include <mutex>
#include <shared_mutex>
#include <string>
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
  // Everything, exclusively: creating or deleting objects, changing assistants.
  template <class Fn>
  decltype(auto) with_state(Fn&& fn) {
    std::unique_lock lock(m_mutex);
    return std::forward<Fn>(fn)(m_state);
  }

  // Assistants and which threads exist, beside other readers. Not a thread's contents:
  // those need the thread's lock (with_thread, read_thread, for_each_thread).
  template <class Fn>
  decltype(auto) read_state(Fn&& fn) {
    std::shared_lock lock(m_mutex);
    return std::forward<Fn>(fn)(std::as_const(m_state));
  }

  // One thread, to change: fn(const AssistantsState&, Thread*) under the shared store lock
  // and that thread's exclusive lock; the pointer is null when no thread has the id.
  template <class Fn>
  decltype(auto) with_thread(const std::string& thread_id, Fn&& fn) {
    std::shared_lock lock(m_mutex);
    const Thread* found = std::as_const(m_state.threads).find(thread_id);
    if (found == nullptr) return std::forward<Fn>(fn)(std::as_const(m_state), static_cast<Thread*>(nullptr));
    std::unique_lock thread_lock(found->lock.mutex());
    // The mutable find drops the thread's cached bytes: now, under its exclusive lock.
    return std::forward<Fn>(fn)(std::as_const(m_state), m_state.threads.find(thread_id));
  }

  // One thread, to read: fn(const AssistantsState&, const Thread*) beside other readers.
  template <class Fn>
  decltype(auto) read_thread(const std::string& thread_id, Fn&& fn) {
    std::shared_lock lock(m_mutex);
    const Thread* found = std::as_const(m_state.threads).find(thread_id);
    if (found == nullptr) return std::forward<Fn>(fn)(std::as_const(m_state), found);
    std::shared_lock thread_lock(found->lock.mutex());
    return std::forward<Fn>(fn)(std::as_const(m_state), found);
  }

  // Every thread in creation order, each read under its own shared lock.
  template <class Fn>
  void for_each_thread(Fn&& fn) {
    std::shared_lock lock(m_mutex);
    std::as_const(m_state.threads).for_each([&](const Thread& thread) {
      std::shared_lock thread_lock(thread.lock.mutex());
      fn(thread);
    });
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
