#pragma once
// A reader/writer lock that lives inside a stored object, so requests to different
// objects (two conversation threads, say) never wait for each other. Objects are
// moved and copied only before they are stored, never while shared, so a copy or a move
// gets a fresh, unlocked mutex: a lock belongs to one object, not to its value.
#include <shared_mutex>

namespace mock::core {

class ObjectLock {
public:
  ObjectLock() = default;
  ObjectLock(const ObjectLock&) noexcept {}
  ObjectLock& operator=(const ObjectLock&) noexcept { return *this; }
  ~ObjectLock() = default;

  std::shared_mutex& mutex() const { return m_mutex; }

private:
  mutable std::shared_mutex m_mutex;
};

}  // namespace mock::core
