#include "mock/core/id_generator.hpp"

namespace mock::core {
namespace {
constexpr std::string_view k_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

std::uint64_t fresh_seed() {
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32U) ^ device();
}
}  // namespace

IdGenerator::IdGenerator(std::optional<std::uint64_t> seed)
    : m_seed(seed.value_or(fresh_seed())), m_engine(m_seed) {}

std::string IdGenerator::next(std::string_view prefix) {
  std::string id(prefix);
  id.reserve(prefix.size() + k_tail_length);
  std::lock_guard lock(m_mutex);
  for (std::size_t i = 0; i < k_tail_length; ++i) {
    // Modulo bias over 2^64 is negligible for a 62-letter alphabet.
    id.push_back(k_alphabet[m_engine() % k_alphabet.size()]);
  }
  return id;
}

void IdGenerator::reset() {
  std::lock_guard lock(m_mutex);
  m_engine.seed(m_seed);
}

bool has_id_prefix(std::string_view id, std::string_view prefix) {
  return id.size() > prefix.size() && id.substr(0, prefix.size()) == prefix;
}

}  // namespace mock::core
