#include "mock/core/id_index.hpp"

#include <array>
#include <cstring>
#include <string>
#include <string_view>

#include <absl/container/flat_hash_map.h>
#include <absl/hash/hash.h>

namespace mock::core {

namespace {
// Debian builds abseil with its own string_view type.
absl::string_view key_of(std::string_view id) { return {id.data(), id.size()}; }

// An id as the index keeps it, with its hash. Ids of up to 31 characters (every id the
// mock makes: "thread_" and 24 characters is the longest) sit in the table's slot itself;
// a std::string would put them on the heap, one allocation and 48 bytes more per message
// on a thread that holds a million. Longer ids (from a cassette or a state file) go to the
// heap. The hash is kept so that growing the table rehashes without reading the ids.
class HashedId {
public:
  HashedId(std::string_view id, std::size_t hash) : m_hash(hash) {
    if (id.size() <= k_inline_capacity) {
      m_size_tag = static_cast<unsigned char>(id.size());
      std::memcpy(m_bytes.data(), id.data(), id.size());
      return;
    }
    m_size_tag = k_on_heap;
    const HeapChars heap{new char[id.size()], id.size()};
    std::memcpy(heap.data, id.data(), id.size());
    std::memcpy(m_bytes.data(), &heap, sizeof heap);
  }
  HashedId(const HashedId& other) : HashedId(other.id(), other.m_hash) {}
  HashedId(HashedId&& other) noexcept { take(other); }
  HashedId& operator=(const HashedId& other) {
    if (this != &other) *this = HashedId(other);
    return *this;
  }
  HashedId& operator=(HashedId&& other) noexcept {
    if (this != &other) {
      release();
      take(other);
    }
    return *this;
  }
  ~HashedId() { release(); }

  std::string_view id() const {
    if (m_size_tag != k_on_heap) return {m_bytes.data(), m_size_tag};
    const HeapChars heap = heap_chars();
    return {heap.data, heap.size};
  }
  std::size_t hash() const { return m_hash; }

private:
  static constexpr std::size_t k_inline_capacity = 31;
  static constexpr unsigned char k_on_heap = 0xFF;
  struct HeapChars {
    char* data;
    std::size_t size;
  };
  static_assert(sizeof(HeapChars) <= k_inline_capacity);

  HeapChars heap_chars() const {
    HeapChars heap{};
    std::memcpy(&heap, m_bytes.data(), sizeof heap);
    return heap;
  }
  // Leaves `other` an empty inline id, which owns nothing.
  void take(HashedId& other) noexcept {
    m_bytes = other.m_bytes;
    m_size_tag = other.m_size_tag;
    m_hash = other.m_hash;
    other.m_size_tag = 0;
  }
  void release() noexcept {
    if (m_size_tag == k_on_heap) delete[] heap_chars().data;
    m_size_tag = 0;
  }

  std::array<char, k_inline_capacity> m_bytes{};  // the id, or a HeapChars
  unsigned char m_size_tag = 0;                    // the inline id's size, or k_on_heap
  std::size_t m_hash = 0;
};

// Lookups come as string_views, without building a key (transparent hash and equality).
struct HashedIdHash {
  using is_transparent = void;
  std::size_t operator()(const HashedId& key) const { return key.hash(); }
  std::size_t operator()(absl::string_view id) const { return absl::Hash<absl::string_view>{}(id); }
};

struct HashedIdEq {
  using is_transparent = void;
  bool operator()(const HashedId& a, const HashedId& b) const {
    return a.hash() == b.hash() && a.id() == b.id();
  }
  bool operator()(const HashedId& a, absl::string_view b) const { return key_of(a.id()) == b; }
  bool operator()(absl::string_view a, const HashedId& b) const { return a == key_of(b.id()); }
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
  m_table->seq_by_id.insert_or_assign(HashedId(id, HashedIdHash{}(key_of(id))), seq);
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
