#pragma once
// Objects kept in creation order with O(1) lookup by id and O(log n + limit) pages.
// The order key is an insertion sequence: objects are created in clock order, so it
// sorts like created_at and breaks ties within one second the way the service does
// (by creation). Deleted ids keep their sequence as tombstones so a client paging
// with the id of an object deleted meanwhile still gets the next page. Mutable access
// to an object drops its cached wire bytes (wire_cache.hpp); const access keeps them.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mock/core/id_index.hpp"
#include "mock/core/wire_cache.hpp"

namespace mock::core {

struct PageQuery {
  std::size_t limit = 20;
  bool ascending = false;
  std::optional<std::string> after;
  std::optional<std::string> before;
};

template <class T>
struct Page {
  std::vector<const T*> items;  // in the requested order
  bool has_more = false;
};

// Raised by page() when a cursor names an id this collection never held.
struct UnknownCursor {
  std::string param;  // "after" or "before"
  std::string id;
};

template <class T>
class OrderedCollection {
public:
  // Inserts under value.id, which must be new; returns the stored object.
  T& insert(T value) {
    const std::uint64_t seq = m_next_seq++;
    m_seq_by_id.assign(value.id, seq);
    return m_by_seq.emplace(seq, std::move(value)).first->second;
  }

  // Mutable access: the caller may change the object, so its cached wire bytes go.
  T* find(const std::string& id) {
    T* found = const_cast<T*>(locate(id));
    if (found != nullptr) drop_cached_wire(*found);
    return found;
  }
  const T* find(const std::string& id) const { return locate(id); }

  bool erase(const std::string& id) {
    const std::optional<std::uint64_t> seq = m_seq_by_id.find(id);
    return seq && m_by_seq.erase(*seq) > 0;
  }

  // Erases without leaving a tombstone, for a collection no list pages through: there
  // a deleted id can never be a cursor, and its tombstone would only grow the memory of
  // a long-running server by ~130 bytes per deleted object.
  bool erase_without_tombstone(const std::string& id) {
    const std::optional<std::uint64_t> seq = m_seq_by_id.find(id);
    if (!seq) return false;
    const bool erased = m_by_seq.erase(*seq) > 0;
    m_seq_by_id.erase(id);
    return erased;
  }

  std::size_t size() const { return m_by_seq.size(); }
  void clear() {
    m_by_seq.clear();
    m_seq_by_id.clear();
  }

  // Objects in creation order (oldest first).
  template <class Fn>
  void for_each(Fn&& fn) const {
    for (const auto& [seq, value] : m_by_seq) fn(value);
  }
  // Mutable: drops every object's cached wire bytes. Readers use std::as_const(c).for_each.
  template <class Fn>
  void for_each(Fn&& fn) {
    for (auto& [seq, value] : m_by_seq) {
      drop_cached_wire(value);
      fn(value);
    }
  }

  // One page of the objects that satisfy `keep`. Throws UnknownCursor.
  Page<T> page(const PageQuery& query,
               const std::function<bool(const T&)>& keep = nullptr) const {
    const std::optional<std::uint64_t> after = cursor_seq("after", query.after);
    const std::optional<std::uint64_t> before = cursor_seq("before", query.before);
    const bool asc = query.ascending;
    // "a comes earlier than b in the requested order"
    const auto earlier = [asc](std::uint64_t a, std::uint64_t b) { return asc ? a < b : a > b; };

    Page<T> page;
    const auto take = [&](const auto& entry) {
      if (keep && !keep(entry.second)) return true;
      if (page.items.size() == query.limit) {
        page.has_more = true;
        return false;
      }
      page.items.push_back(&entry.second);
      return true;
    };

    if (before && !after) {
      // The objects just before `before`, walking away from it, then put back in order.
      const auto walk = [&](auto first, auto last) {
        for (auto it = first; it != last && take(*it);) ++it;
      };
      if (asc) {
        walk(std::make_reverse_iterator(m_by_seq.lower_bound(*before)), m_by_seq.rend());
      } else {
        walk(m_by_seq.upper_bound(*before), m_by_seq.end());
      }
      std::reverse(page.items.begin(), page.items.end());
      return page;
    }

    const auto in_range = [&](std::uint64_t seq) { return !before || earlier(seq, *before); };
    const auto walk = [&](auto first, auto last) {
      for (auto it = first; it != last && in_range(it->first) && take(*it);) ++it;
    };
    if (asc) {
      walk(after ? m_by_seq.upper_bound(*after) : m_by_seq.begin(), m_by_seq.end());
    } else {
      walk(after ? std::make_reverse_iterator(m_by_seq.lower_bound(*after)) : m_by_seq.rbegin(),
           m_by_seq.rend());
    }
    return page;
  }

private:
  const T* locate(const std::string& id) const {
    const std::optional<std::uint64_t> seq = m_seq_by_id.find(id);
    if (!seq) return nullptr;
    const auto it = m_by_seq.find(*seq);
    return it == m_by_seq.end() ? nullptr : &it->second;
  }

  std::optional<std::uint64_t> cursor_seq(const char* param,
                                          const std::optional<std::string>& id) const {
    if (!id) return std::nullopt;
    const std::optional<std::uint64_t> seq = m_seq_by_id.find(*id);
    if (!seq) throw UnknownCursor{param, *id};
    return seq;
  }

  std::map<std::uint64_t, T> m_by_seq;
  IdIndex m_seq_by_id;
  std::uint64_t m_next_seq = 0;
};

}  // namespace mock::core
