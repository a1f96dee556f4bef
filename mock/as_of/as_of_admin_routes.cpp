#include "mock/as_of/as_of_admin_routes.hpp"

#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "timeline/api_on_date.hpp"

namespace mock::as_of {
namespace {
using http::ApiRequest;
using http::ApiResponse;

const char* verdict_word(timeline::BetaVerdict verdict) {
  switch (verdict) {
    case timeline::BetaVerdict::accepted: return "accepted";
    case timeline::BetaVerdict::not_yet: return "not_yet";
    case timeline::BetaVerdict::shut_down: return "shut_down";
  }
  return "accepted";
}

// The date and what it means, so a test can assert on both.
Json setting_json(const AsOfSetting& setting) {
  const auto date = setting.get();
  if (!date) return Json{{"as_of", nullptr}, {"serves", "everything (no date set)"}};
  using timeline::Surface;
  const auto served = [&](Surface surface) { return timeline::surface_served(surface, *date); };
  return Json{{"as_of", timeline::to_string(*date)},
              {"serves",
               {{"assistants", served(Surface::assistants)},
                {"vector_stores", served(Surface::vector_stores)},
                {"responses", served(Surface::responses)},
                {"conversations", served(Surface::conversations)}}},
              {"assistants_beta",
               {{"v1", verdict_word(timeline::beta_verdict(timeline::BetaVersion::v1, *date))},
                {"v2", verdict_word(timeline::beta_verdict(timeline::BetaVersion::v2, *date))}}}};
}

ApiResponse change_date(const ApiRequest& request, AsOfSetting& setting) {
  const Json& body = request.json_body();
  const auto value = body.find("as_of");
  if (value == body.end()) {
    throw http::errors::invalid_request(
        "Give the date to answer as: {\"as_of\": \"YYYY-MM-DD\"}, or {\"as_of\": null} for none.",
        "as_of", "missing_required_parameter");
  }
  if (value->is_null()) {
    setting.set(std::nullopt);
  } else {
    const auto date = value->is_string() ? timeline::parse_date(value->get<std::string>()) : std::nullopt;
    if (!date) {
      throw http::errors::invalid_request("Invalid 'as_of': " + value->dump() +
                                              ". Expected a calendar date as YYYY-MM-DD, or null.",
                                          "as_of", "invalid_value");
    }
    setting.set(date);
  }
  return ApiResponse::json(setting_json(setting));
}

Json timeline_json() {
  Json rows = Json::array();
  for (const timeline::DatedEvent& row : timeline::api_events()) {
    rows.push_back(Json{{"date", timeline::to_string(row.date)},
                        {"what", row.what},
                        {"source", row.source},
                        {"chosen", row.chosen}});
  }
  return Json{{"events", std::move(rows)}};
}
}  // namespace

void register_as_of_routes(http::RouteTable& table, AsOfSetting& setting) {
  AsOfSetting* s = &setting;
  table.add("GET", "/__admin/as_of", "admin.as_of.get",
            [s](ApiRequest&) { return ApiResponse::json(setting_json(*s)); });
  table.add("PUT", "/__admin/as_of", "admin.as_of.put",
            [s](ApiRequest& request) { return change_date(request, *s); });
  table.add("POST", "/__admin/as_of", "admin.as_of.post",
            [s](ApiRequest& request) { return change_date(request, *s); });
  table.add("DELETE", "/__admin/as_of", "admin.as_of.delete", [s](ApiRequest&) {
    s->set(std::nullopt);
    return ApiResponse::json(setting_json(*s));
  });
  table.add("GET", "/__admin/timeline", "admin.timeline",
            [](ApiRequest&) { return ApiResponse::json(timeline_json()); });
}

}  // namespace mock::as_of
