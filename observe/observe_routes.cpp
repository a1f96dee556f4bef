#include "observe/observe_routes.hpp"

#include <charconv>
#include <string>

#include "http/api_error.hpp"
#include "http/json_body.hpp"

namespace mock::observe {
namespace {
using http::ApiRequest;
using http::ApiResponse;

std::uint64_t number_param(const ApiRequest& request, const char* name, std::uint64_t max) {
  const std::string text = *request.query_value(name);
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value > max) {
    throw http::errors::invalid_request("Invalid '" + std::string(name) + "': expected an integer up to " +
                                            std::to_string(max) + ".",
                                        name);
  }
  return value;
}

// A journal of size 0 keeps nothing, so a count of 0 would say "never called" whatever the
// client did, and an "at most N calls" assertion would pass unseen. Refuse instead. A 409:
// the call is well formed, the server's state (started without a journal) is what is wrong.
void require_journal(const Journal& journal) {
  if (journal.enabled()) return;
  http::ApiError error(409,
                       "The request journal is off: the server was started with --journal-size 0, so it keeps no "
                       "requests to list or count. Start it with --journal-size N (N > 0; the default is " +
                           std::to_string(Journal::k_default_capacity) + ") to use /__admin/requests.",
                       "invalid_request_error", std::nullopt, "journal_disabled");
  error.headers.emplace("x-should-retry", "false");  // retrying cannot turn it on
  throw error;
}

JournalQuery parse_query(const ApiRequest& request) {
  JournalQuery query;
  if (auto method = request.query_value("method")) query.method = *method;
  if (auto path = request.query_value("path")) query.path = *path;
  if (auto regex = request.query_value("path_regex")) query.path_regex = *regex;
  if (request.query_value("status")) query.status = static_cast<int>(number_param(request, "status", 599));
  if (request.query_value("since")) query.since_id = number_param(request, "since", UINT64_MAX);
  if (request.query_value("limit")) query.limit = number_param(request, "limit", 100000);
  return query;
}
}  // namespace

void register_observe_routes(http::RouteTable& table, Journal& journal, Metrics& metrics) {
  Journal* j = &journal;
  Metrics* m = &metrics;
  // Here rather than with the mock's admin routes: record and replay answer it too.
  table.add("GET", "/__admin/health", "admin.health",
            [](ApiRequest&) { return ApiResponse::json(Json{{"status", "ok"}}); });
  table.add("GET", "/__admin/requests", "admin.requests.list", [j](ApiRequest& request) {
    require_journal(*j);
    return ApiResponse::json(j->list(parse_query(request)));
  });
  table.add("DELETE", "/__admin/requests", "admin.requests.clear", [j](ApiRequest&) {
    require_journal(*j);
    j->clear();
    return ApiResponse::json(Json{{"cleared", true}});
  });
  table.add("POST", "/__admin/requests/count", "admin.requests.count", [j](ApiRequest& request) {
    require_journal(*j);
    return ApiResponse::json(Json{{"count", j->count(request.json_body())}});
  });
  table.add("GET", "/__admin/requests/unmatched", "admin.requests.unmatched", [j](ApiRequest& request) {
    require_journal(*j);
    JournalQuery query = parse_query(request);
    query.unmatched_only = true;
    return ApiResponse::json(j->list(query));
  });
  table.add("GET", "/__admin/metrics", "admin.metrics", [m](ApiRequest&) {
    ApiResponse response;
    response.content_type = "text/plain; version=0.0.4";
    response.body = m->render();
    return response;
  });
}

}  // namespace mock::observe
