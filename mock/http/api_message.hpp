#pragma once
// Our own request/response values: domain code never sees httplib types.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mock/core/json.hpp"

namespace mock::http {

// Header names compare case-insensitively, as HTTP says.
struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
  using is_transparent = void;
};
using Headers = std::multimap<std::string, std::string, CaseInsensitiveLess>;

struct ApiRequest {
  std::string method;  // upper case, as sent
  std::string path;    // without the query string
  std::vector<std::pair<std::string, std::string>> query;  // in order, repeats kept
  Headers headers;
  std::string body;
  // Named path segments filled by the route table, e.g. {"thread_id", "thread_abc"}.
  std::map<std::string, std::string, std::less<>> path_params;

  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> query_value(std::string_view name) const;
  const std::string& path_param(std::string_view name) const;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  Headers headers;

  static ApiResponse json(const Json& value, int status = 200);
};

}  // namespace mock::http
