#include "mock/core/id_index.hpp"

#include <string>

#include <absl/container/flat_hash_map.h>
#include <absl/hash/hash.h>

namespace mock::core {

namespace {
// Debian builds abseil with its own string_view type.
absl::string_view key_of(std::string_view id) { return {id.data(), id.size()}; }

// A key that carries its hash. Growing the table rehashes every key, and hashing a stored
// std::string reads its characters from wherever the heap put them: a cache miss per key
// on an index of 100,000 ids. With the hash beside it, growing reads the slots alone.
struct HashedId {
  std::string id;
  std::size_t hash;
};

// Lookups come as string_views, without building a key (transparent hash and equality).
struct HashedIdHash {
  using is_transparent = void;
  std::size_t operator()(const HashedId& key) const { return key.hash; }
  std::size_t operator()(absl::string_view id) const { return absl::Hash<absl::string_view>{}(id); }
};

struct HashedIdEq {
  using is_transparent = void;
  bool operator()(const HashedId& a, const HashedId& b) const {
    return a.hash == b.hash && a.id == b.id;
  }
  bool operator()(const HashedId& a, absl::string_view b) const { return key_of(a.id) == b; }
  bool operator()(absl::string_view a, const HashedId& b) const { return a == key_of(b.id); }
};
}  // namespace

struct IdIndex::Table {
  absl::flat_hash_map<HashedId, std::uint64_t, HashedIdHash, HashedIdEq> seq_by_id;
};

IdIndex::IdIndex() noexcept = default;
IdIndex::~IdIndex() = default;
IdIndex::IdIndex(IdIndex&& other) noexcept = default;
IdIndex& IdIndex::operator=(IdIndex&& other) noexcept = default;

IdIndex::IdIndex(const IdIndex& other)
    : m_table(other.m_table ? std::make_unique<Table>(*other.m_table) : nullptr) {}

IdIndex& IdIndex::operator=(const IdIndex& other) {
  if (this != &other) m_table = other.m_table ? std::make_unique<Table>(*other.m_table) : nullptr;
  return *this;
}

void IdIndex::assign(const std::string& id, std::uint64_t seq) {
  if (!m_table) m_table = std::make_unique<Table>();
  m_table->seq_by_id.insert_or_assign(HashedId{id, HashedIdHash{}(key_of(id))}, seq);
}

std::optional<std::uint64_t> IdIndex::find(std::string_view id) const {
  if (!m_table) return std::nullopt;
  const auto found = m_table->seq_by_id.find(key_of(id));
  if (found == m_table->seq_by_id.end()) return std::nullopt;
  return found->second;
}

bool IdIndex::erase(std::string_view id) {
  if (!m_table) return false;
  const auto found = m_table->seq_by_id.find(key_of(id));
  if (found == m_table->seq_by_id.end()) return false;
  m_table->seq_by_id.erase(found);
  return true;
}

void IdIndex::clear() { m_table.reset(); }

std::size_t IdIndex::size() const { return m_table ? m_table->seq_by_id.size() : 0; }

}  // namespace mock::core
