#pragma once
// The serialised bytes of one stored object, per API version, built the first time the
// object is read and dropped whenever it may change. Serialising is most of what a read
// costs (a page of 20 messages: ~80 us of nlohmann building and dumping); a cached page
// is 20 string appends.
//
// The rule that keeps it honest lives in OrderedCollection: every mutable access to an
// object (find, for_each) drops its bytes, and const access keeps them. Objects change
// only under an exclusive lock (the store's, or that of the thread holding them), so
// clear() never races a reader; readers under a shared lock may fill the same slot at
// once, and the first install wins.
#include <array>
#include <atomic>
#include <cstddef>
#include <string>
#include <utility>

namespace mock::core {

class WireCache {
public:
  static constexpr std::size_t k_slots = 2;  // one per API version

  WireCache() = default;
  // A copy is a different object that may change on its own: it starts empty.
  WireCache(const WireCache&) noexcept {}
  WireCache& operator=(const WireCache&) noexcept {
    clear();
    return *this;
  }
  ~WireCache() { clear(); }

  // The bytes in `slot`, or null when none are cached.
  const std::string* find(std::size_t slot) const {
    return m_slots.at(slot).load(std::memory_order_acquire);
  }

  // Keeps `bytes` in `slot` unless another reader got there first; returns what the slot
  // holds afterwards (the same bytes either way: both serialised one unchanged object).
  const std::string& install(std::size_t slot, std::string bytes) const {
    auto* fresh = new std::string(std::move(bytes));
    const std::string* expected = nullptr;
    if (m_slots.at(slot).compare_exchange_strong(expected, fresh, std::memory_order_acq_rel)) {
      return *fresh;
    }
    delete fresh;
    return *expected;
  }

  // Only while no other thread can read the object (under an exclusive lock).
  void clear() {
    for (auto& slot : m_slots) delete slot.exchange(nullptr, std::memory_order_acq_rel);
  }

private:
  mutable std::array<std::atomic<const std::string*>, k_slots> m_slots{};
};

// Objects that carry a `wire_cache` member get it dropped on mutable access.
template <class T>
void drop_cached_wire(T& object) {
  if constexpr (requires { object.wire_cache.clear(); }) object.wire_cache.clear();
}

}  // namespace mock::core
