#include "mock/core/id_index.hpp"

#include <absl/container/flat_hash_map.h>

namespace mock::core {

// std::string keys are looked up by string_view without a copy (abseil's string hash and
// equality are transparent). Debian builds abseil with its own string_view type.
struct IdIndex::Table {
  absl::flat_hash_map<std::string, std::uint64_t> seq_by_id;
};

namespace {
absl::string_view key_of(std::string_view id) { return {id.data(), id.size()}; }
}  // namespace

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
  m_table->seq_by_id.insert_or_assign(id, seq);
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
