#pragma once
// Object id -> insertion sequence number, for OrderedCollection's O(1) lookups. A thread
// gains an entry per message, so this is on every create's path: an open-addressing
// table (abseil's flat_hash_map) inserts a random 28-character id into a million-entry
// index in about half the time of std::unordered_map, which allocates a node per entry and
// follows a pointer per probe. Abseil stays inside id_index.cpp: its headers cost ~2 s of
// compile time in each file that includes them.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace mock::core {

class IdIndex {
public:
  IdIndex() noexcept;
  ~IdIndex();
  IdIndex(const IdIndex& other);
  IdIndex& operator=(const IdIndex& other);
  IdIndex(IdIndex&& other) noexcept;
  IdIndex& operator=(IdIndex&& other) noexcept;

  // Maps `id` to `seq`, replacing what it mapped to before.
  void assign(const std::string& id, std::uint64_t seq);
  std::optional<std::uint64_t> find(std::string_view id) const;
  // Whether `id` was there.
  bool erase(std::string_view id);
  void clear();
  std::size_t size() const;

private:
  struct Table;
  std::unique_ptr<Table> m_table;  // null while empty: most collections stay small or empty
};

}  // namespace mock::core
