#pragma once
#include "http/route_table.hpp"
#include "mock/assistants/services.hpp"

namespace mock::assistants {

// Adds every Assistants API route (v2) to the table; handlers keep a reference to services.
void register_routes(http::RouteTable& table, Services& services);

}  // namespace mock::assistants
