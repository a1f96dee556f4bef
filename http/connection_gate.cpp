#include "http/connection_gate.hpp"

namespace mock::http {

bool ConnectionGate::enter(std::chrono::milliseconds patience) {
  std::unique_lock lock(m_mutex);
  if (m_active < m_capacity) {
    ++m_active;
    return true;
  }
  ++m_waiting;
  const bool freed = m_freed.wait_for(lock, patience, [this] { return m_active < m_capacity; });
  --m_waiting;
  if (!freed) return false;
  ++m_active;
  return true;
}

void ConnectionGate::leave() {
  {
    std::lock_guard lock(m_mutex);
    --m_active;
  }
  m_freed.notify_one();
}

std::size_t ConnectionGate::active() const {
  std::lock_guard lock(m_mutex);
  return m_active;
}

}  // namespace mock::http
