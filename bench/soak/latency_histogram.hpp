#pragma once
// Latencies as a log-linear histogram of fixed size (32 buckets per power of two, so a
// percentile is within ~3 % of the true value). A vector of every sample would grow with
// the run and show up in the very RSS figure the soak checks.
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>

namespace soak {

class LatencyHistogram {
public:
  void add(std::int64_t ns) {
    const std::uint64_t value = ns > 0 ? static_cast<std::uint64_t>(ns) : 0;
    ++m_buckets[index_of(value)];
    ++m_count;
    m_max = std::max(m_max, value);
  }

  void merge(const LatencyHistogram& other) {
    for (std::size_t i = 0; i < m_buckets.size(); ++i) m_buckets[i] += other.m_buckets[i];
    m_count += other.m_count;
    m_max = std::max(m_max, other.m_max);
  }

  std::uint64_t count() const { return m_count; }
  double max_ms() const { return static_cast<double>(m_max) / 1e6; }

  // Nearest rank: the bucket holding the smallest sample with at least p of the samples
  // at or below it, reported as the bucket's middle.
  double percentile_ms(double p) const {
    if (m_count == 0) return 0;
    const double wanted = std::max(1.0, p * static_cast<double>(m_count));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < m_buckets.size(); ++i) {
      seen += m_buckets[i];
      if (static_cast<double>(seen) >= wanted) {
        return std::min(middle_of(i), static_cast<double>(m_max)) / 1e6;
      }
    }
    return max_ms();
  }

private:
  static constexpr std::uint64_t k_sub = 32;  // buckets per power of two
  static constexpr int k_sub_bits = 5;

  static std::size_t index_of(std::uint64_t ns) {
    if (ns < k_sub) return static_cast<std::size_t>(ns);
    const int exponent = static_cast<int>(std::bit_width(ns)) - 1;  // >= k_sub_bits
    const std::uint64_t sub = (ns >> (exponent - k_sub_bits)) - k_sub;
    return static_cast<std::size_t>(static_cast<std::uint64_t>(exponent - k_sub_bits + 1) * k_sub +
                                    sub);
  }

  static double middle_of(std::size_t index) {
    if (index < k_sub) return static_cast<double>(index);
    const int exponent = static_cast<int>(index / k_sub) + k_sub_bits - 1;
    const std::uint64_t sub = index % k_sub;
    const std::uint64_t width = std::uint64_t{1} << (exponent - k_sub_bits);
    return static_cast<double>((k_sub + sub) * width) + static_cast<double>(width) / 2;
  }

  std::array<std::uint64_t, 64 * k_sub> m_buckets{};
  std::uint64_t m_count = 0;
  std::uint64_t m_max = 0;
};

}  // namespace soak
