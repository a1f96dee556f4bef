#pragma once
#include "http/route_table.hpp"
#include "mock/files/file_services.hpp"

namespace mock::files {

// Adds the Files routes (POST/GET /v1/files, GET/DELETE /v1/files/{file_id},
// GET /v1/files/{file_id}/content). They check the bearer key, not OpenAI-Beta.
void register_file_routes(http::RouteTable& table, FileServices& services);

}  // namespace mock::files
