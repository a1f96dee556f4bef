#pragma once
// /__admin/health, /__admin/requests (journal, filters, clear), /__admin/requests/count (verification),
// /__admin/requests/unmatched, /__admin/metrics.
#include "http/route_table.hpp"
#include "observe/journal.hpp"
#include "observe/metrics.hpp"

namespace mock::observe {

void register_observe_routes(http::RouteTable& table, Journal& journal, Metrics& metrics);

}  // namespace mock::observe
