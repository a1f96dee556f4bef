#include "mock/as_of/date_gate.hpp"

#include "mock/as_of/v1_request_fields.hpp"
#include "mock/core/beta_header.hpp"
#include "http/bearer_auth.hpp"
#include "timeline/api_on_date.hpp"

namespace mock::as_of {
namespace {
http::ApiError beta_error(std::string message) {
  return http::errors::invalid_request(std::move(message), std::nullopt, "invalid_beta");
}

// FACTS.md §7, the text users quoted from late December 2024 on.
constexpr const char* k_v1_shut_down =
    "The v1 Assistants API has been deprecated. Please try again by setting the header "
    "'OpenAI-Beta: assistants=v2'. See the migration guide for more information: "
    "https://platform.openai.com/docs/assistants/migration.";
// FACTS.md §7, the v1-era text (November 2023); before v2 it answered any header but v1.
constexpr const char* k_v1_era_missing_beta =
    "You must provide the 'OpenAI-Beta' header to access the Assistants API. Please try again "
    "by setting the header 'OpenAI-Beta: assistants=v1'.";
}  // namespace

std::optional<http::ApiError> refusal_on(const http::ApiRequest& request,
                                         const timeline::CalendarDate& date,
                                         const std::optional<std::string>& api_key) {
  const timeline::Surface surface = timeline::surface_of(request.path);
  if (!timeline::surface_served(surface, date)) {
    return http::errors::invalid_url(request.method, request.path);
  }
  if (surface != timeline::Surface::assistants) return std::nullopt;
  const std::string beta = core::assistants_beta_value(request);
  const bool v1 = beta == "v1";
  if (!v1 && timeline::beta_verdict(timeline::BetaVersion::v2, date) == timeline::BetaVerdict::not_yet) {
    http::check_bearer_key(request, api_key);
    return beta_error(k_v1_era_missing_beta);
  }
  if (v1 && timeline::beta_verdict(timeline::BetaVersion::v1, date) == timeline::BetaVerdict::shut_down) {
    http::check_bearer_key(request, api_key);
    return beta_error(k_v1_shut_down);
  }
  if (!v1) return std::nullopt;
  auto refusal = v1_field_refusal(request, date);
  if (refusal) http::check_bearer_key(request, api_key);
  return refusal;
}

}  // namespace mock::as_of
