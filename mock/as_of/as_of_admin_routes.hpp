#pragma once
// /__admin/as_of: read and change the date the server answers as, at run time, so one test
// can show a client before and after an event against one server. /__admin/timeline lists
// the dated events themselves.
#include "mock/as_of/as_of_setting.hpp"
#include "http/route_table.hpp"

namespace mock::as_of {

void register_as_of_routes(http::RouteTable& table, AsOfSetting& setting);

}  // namespace mock::as_of
