#include "contracts/recorded_contract.hpp"

#include <string_view>

#include "timeline/api_events.hpp"
#include "timeline/calendar_date.hpp"

namespace contracts {
namespace {
using timeline::ApiEvent;

// The day of "2024-04-16T09:30:00Z"; nullopt unless the text starts with a YYYY-MM-DD date.
std::optional<timeline::CalendarDate> day_of(std::string_view timestamp) {
  constexpr std::size_t k_day_length = 10;
  if (timestamp.size() < k_day_length) return std::nullopt;
  return timeline::parse_date(timestamp.substr(0, k_day_length));
}

ApiVersion v1_contract_on(std::string_view recorded_at) {
  const std::optional<timeline::CalendarDate> day = day_of(recorded_at);
  if (!day) return ApiVersion::v1_final;
  if (!timeline::has_happened(ApiEvent::v1_final, *day)) return ApiVersion::v1_2023_12;
  if (!timeline::has_happened(ApiEvent::v1_shutdown, *day)) return ApiVersion::v1_final;
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
