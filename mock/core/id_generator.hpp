#pragma once
// Object ids shaped like the real service's: prefix + 24 characters of [A-Za-z0-9].
// With a seed the sequence is reproducible, so two runs of the same client see the same ids.
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace mock::core {

class IdGenerator {
public:
  // No seed: a random one, so ids differ between server starts as they do live.
  explicit IdGenerator(std::optional<std::uint64_t> seed = std::nullopt);

  // Thread-safe. `prefix` includes its separator, e.g. "asst_" or "file-".
  std::string next(std::string_view prefix);

  // Restart the sequence (admin reset), keeping the configured seed.
  void reset();

  static constexpr std::size_t k_tail_length = 24;

private:
  std::uint64_t m_seed;
  std::mt19937_64 m_engine;
  std::mutex m_mutex;
};

// True if `id` is `prefix` followed by at least one character (the service checks only the prefix).
bool has_id_prefix(std::string_view id, std::string_view prefix);

}  // namespace mock::core
