#pragma once
// One table of (method, path pattern, handler). Patterns are literal segments and
// `{name}` captures, e.g. "/v1/threads/{thread_id}/runs". Matching is by segment,
// linear in the path length (no std::regex, which recurses per character).
// The table knows nothing of any API surface: each surface registers its routes.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/api_message.hpp"

namespace mock::http {

using Handler = std::function<ApiResponse(ApiRequest&)>;

// Whether a route may answer with a stream. The server lends such a route's handler
// ApiRequest::claim_stream, so a stream is bounded by the one reading of the request the
// handler does anyway.
enum class Streaming { never, may_stream };

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  std::string name;  // stable label for logs and metrics, e.g. "runs.create"
  Streaming streaming = Streaming::never;
  std::vector<std::string> segments;  // pattern split on '/'
  std::size_t captures = 0;           // segments that are {captures}
};

class RouteTable {
public:
  void add(std::string method, std::string pattern, std::string name, Handler handler,
           Streaming streaming = Streaming::never);

  // Fills request.path_params on a hit. Throws ApiError 404 "Invalid URL (...)" for an
  // unknown path and 405 "Method not allowed (...)" for a known path with another method.
  const Route& match(ApiRequest& request) const;

  const std::vector<Route>& routes() const { return m_routes; }

private:
  std::vector<Route> m_routes;
  // Indexes into m_routes by segment count: a path is compared only with the routes it
  // could match (a scan of every route touched ~11 KB per request).
  std::vector<std::vector<std::size_t>> m_by_length;
};

std::vector<std::string_view> split_path(std::string_view path);

}  // namespace mock::http
