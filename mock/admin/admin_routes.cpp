// /__admin: health, reset, scenario, clock, state, faults. One line per route below.
#include "mock/admin/admin_routes.hpp"

#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "mock/assistants/state_dump.hpp"

namespace mock::admin {
namespace {
using http::ApiRequest;
using http::ApiResponse;
using http::errors::invalid_request;

Json clock_json(const core::Clock& clock) {
  return Json{{"mode", clock.is_manual() ? "manual" : "real"},
              {"now_ms", clock.now_ms()},
              {"now", clock.now_seconds()}};
}

ApiResponse advance_clock(const ApiRequest& request, AdminContext& context) {
  const Json& body = request.json_body();
  constexpr std::int64_t k_max_step_ms = 10LL * 365 * 24 * 3600 * 1000;  // ten years
  const auto out_of_range = [] {
    return invalid_request("The clock only moves forward, by at most ten years at a time.");
  };
  std::int64_t delta_ms = 0;
  if (body.contains("ms") && body["ms"].is_number_integer()) {
    delta_ms = body["ms"].get<std::int64_t>();
  } else if (body.contains("seconds") && body["seconds"].is_number()) {
    // Checked while still a double: converting one beyond int64's range is undefined.
    const double ms = body["seconds"].get<double>() * 1000.0;
    if (!(ms > 0.0 && ms <= static_cast<double>(k_max_step_ms))) throw out_of_range();
    delta_ms = static_cast<std::int64_t>(ms);
  } else {
    throw invalid_request("Give how far to move the clock: {\"ms\": N} or {\"seconds\": N}.");
  }
  if (delta_ms <= 0 || delta_ms > k_max_step_ms) throw out_of_range();
  context.services.clock.advance_ms(delta_ms);
  return ApiResponse::json(clock_json(context.services.clock));
}

ApiResponse load_scenario(const ApiRequest& request, AdminContext& context) {
  try {
    scenario::Scenario scenario =
        scenario::parse_scenario(scenario::parse_scenario_json(request.body));
    Json summary = Json{{"loaded", true}, {"name", scenario.name}, {"rules", scenario.rules.size()}};
    context.services.scenarios.load(std::move(scenario));
    return ApiResponse::json(summary);
  } catch (const scenario::ScenarioError& error) {
    throw invalid_request(std::string("Invalid scenario: ") + error.what(), std::nullopt,
                          "invalid_scenario");
  }
}
}  // namespace

void register_admin_routes(http::RouteTable& table, AdminContext& context) {
  AdminContext* c = &context;
  const auto add = [&table](const char* method, const char* path, const char* name,
                            http::Handler handler) { table.add(method, path, name, std::move(handler)); };

  add("POST", "/__admin/reset", "admin.reset", [c](ApiRequest&) {
    c->reset();
    return ApiResponse::json(Json{{"reset", true}});
  });
  add("GET", "/__admin/scenario", "admin.scenario.get",
      [c](ApiRequest&) { return ApiResponse::json(c->services.scenarios.source()); });
  add("PUT", "/__admin/scenario", "admin.scenario.put",
      [c](ApiRequest& request) { return load_scenario(request, *c); });
  add("POST", "/__admin/scenario", "admin.scenario.post",
      [c](ApiRequest& request) { return load_scenario(request, *c); });
  add("DELETE", "/__admin/scenario", "admin.scenario.delete", [c](ApiRequest&) {
    c->services.scenarios.clear();
    return ApiResponse::json(Json{{"loaded", false}});
  });
  add("GET", "/__admin/clock", "admin.clock.get",
      [c](ApiRequest&) { return ApiResponse::json(clock_json(c->services.clock)); });
  add("POST", "/__admin/clock/advance", "admin.clock.advance",
      [c](ApiRequest& request) { return advance_clock(request, *c); });
  add("GET", "/__admin/state", "admin.state",
      [c](ApiRequest&) { return ApiResponse::json(assistants::dump_state(c->services)); });
  add("GET", "/__admin/faults", "admin.faults.list",
      [c](ApiRequest&) { return ApiResponse::json(c->faults.list()); });
  add("POST", "/__admin/faults", "admin.faults.add", [c](ApiRequest& request) {
    return ApiResponse::json(c->faults.add(request.json_body()));
  });
  add("DELETE", "/__admin/faults", "admin.faults.clear", [c](ApiRequest&) {
    c->faults.clear();
    return ApiResponse::json(Json{{"cleared", true}});
  });
}

}  // namespace mock::admin
