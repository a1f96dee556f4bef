#include "contracts/recorded_contract.hpp"

#include <cctype>

namespace contracts {
namespace {

// "2024-04-16" from "2024-04-16T09:30:00Z"; empty unless the text starts with a YYYY-MM-DD date,
// so the string comparisons below are comparisons of days.
std::string_view day_of(std::string_view timestamp) {
  constexpr std::size_t k_day_length = 10;
  if (timestamp.size() < k_day_length) return {};
  for (std::size_t i = 0; i < k_day_length; ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? timestamp[i] != '-' : std::isdigit(static_cast<unsigned char>(timestamp[i])) == 0) return {};
  }
  return timestamp.substr(0, k_day_length);
}

ApiVersion v1_contract_on(std::string_view recorded_at) {
  const std::string_view day = day_of(recorded_at);
  if (day.empty()) return ApiVersion::v1_final;
  if (day < k_v1_final_from) return ApiVersion::v1_2023_12;
  if (day < k_v1_gone_from) return ApiVersion::v1_final;
  return ApiVersion::v1_2023_12;
}

}  // namespace

ApiVersion contract_for(const std::optional<std::string>& request_beta, const RecordedAgainst& cassette,
                        const std::optional<ApiVersion>& override_version) {
  if (override_version) return *override_version;
  if (cassette.contract) {
    if (auto version = parse_api_version(*cassette.contract)) return *version;
  }
  for (const auto* beta : {&request_beta, &cassette.api_version}) {
    if (!beta->has_value()) continue;
    if (is_plain_v1(**beta)) return v1_contract_on(cassette.recorded_at);
    if (auto version = parse_api_version(**beta)) return *version;
  }
  return ApiVersion::v2;
}

}  // namespace contracts
