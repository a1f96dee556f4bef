#include "cassettes/base64.hpp"

#include <array>
#include <cstdint>

namespace cassettes {
namespace {
constexpr std::string_view k_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int, 256> make_reverse() {
  std::array<int, 256> table{};
  for (int& entry : table) entry = -1;
  for (std::size_t i = 0; i < k_alphabet.size(); ++i) {
    table[static_cast<unsigned char>(k_alphabet[i])] = static_cast<int>(i);
  }
  return table;
}
constexpr std::array<int, 256> k_reverse = make_reverse();
}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t triple = (std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16U) |
                                 (std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8U) |
                                 std::uint32_t{static_cast<unsigned char>(bytes[i + 2])};
    out += k_alphabet[(triple >> 18U) & 63U];
    out += k_alphabet[(triple >> 12U) & 63U];
    out += k_alphabet[(triple >> 6U) & 63U];
    out += k_alphabet[triple & 63U];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t triple = std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16U;
    if (rest == 2) triple |= std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8U;
    out += k_alphabet[(triple >> 18U) & 63U];
    out += k_alphabet[(triple >> 12U) & 63U];
    out += rest == 2 ? k_alphabet[(triple >> 6U) & 63U] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    int values[4];
    int padding = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const char c = text[i + j];
      if (c == '=' && last && j >= 2) {
        values[j] = 0;
        ++padding;
        continue;
      }
      if (padding > 0) return std::nullopt;  // data after '='
      values[j] = k_reverse[static_cast<unsigned char>(c)];
      if (values[j] < 0) return std::nullopt;
    }
    const std::uint32_t triple =
        (static_cast<std::uint32_t>(values[0]) << 18U) | (static_cast<std::uint32_t>(values[1]) << 12U) |
        (static_cast<std::uint32_t>(values[2]) << 6U) | static_cast<std::uint32_t>(values[3]);
    out += static_cast<char>((triple >> 16U) & 255U);
    if (padding < 2) out += static_cast<char>((triple >> 8U) & 255U);
    if (padding < 1) out += static_cast<char>(triple & 255U);
  }
  return out;
}

}  // namespace cassettes
