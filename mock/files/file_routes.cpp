// The Files API, one line per endpoint, in the order of the API reference.
#include "mock/files/file_routes.hpp"

#include "http/bearer_auth.hpp"
#include "mock/files/file_handlers.hpp"

namespace mock::files {
namespace {
using EndpointFn = http::ApiResponse (*)(const http::ApiRequest&, FileServices&);

void add(http::RouteTable& table, FileServices& services, const char* method, const char* pattern,
         const char* name, EndpointFn endpoint) {
  table.add(method, pattern, name, [&services, endpoint](http::ApiRequest& request) {
    http::check_bearer_key(request, services.api_key);
    return endpoint(request, services);
  });
}
}  // namespace

void register_file_routes(http::RouteTable& t, FileServices& s) {
  add(t, s, "POST", "/v1/files", "files.create", upload_file);
  add(t, s, "GET", "/v1/files", "files.list", list_files);
  add(t, s, "GET", "/v1/files/{file_id}", "files.retrieve", retrieve_file);
  add(t, s, "DELETE", "/v1/files/{file_id}", "files.delete", delete_file);
  add(t, s, "GET", "/v1/files/{file_id}/content", "files.content", download_file_content);
}

}  // namespace mock::files
