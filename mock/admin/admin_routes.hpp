#pragma once
// The admin API under /__admin (never under /v1): test control for the mock.
#include "http/route_table.hpp"
#include "mock/admin/fault_injector.hpp"
#include "mock/assistants/services.hpp"

namespace mock::admin {

struct AdminContext {
  assistants::Services& services;
  FaultInjector& faults;
  std::function<void()> reset;  // clears every piece of server state
};

void register_admin_routes(http::RouteTable& table, AdminContext& context);

}  // namespace mock::admin
