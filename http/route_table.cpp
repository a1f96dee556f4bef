#include "http/route_table.hpp"

#include <utility>

#include "http/api_error.hpp"

namespace mock::http {
namespace {
bool is_capture(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool segments_match(const Route& route, const std::vector<std::string_view>& path) {
  if (route.segments.size() != path.size()) {
    return false;
  }
  for (std::size_t i = 0; i < path.size(); ++i) {
    const std::string& want = route.segments[i];
    if (is_capture(want) ? path[i].empty() : want != path[i]) {
      return false;
    }
  }
  return true;
}
}  // namespace

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = path.starts_with('/') ? 1 : 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
    parts.push_back(path.substr(start, end - start));
    if (slash == std::string_view::npos) {
      break;
    }
    start = slash + 1;
  }
  return parts;
}

void RouteTable::add(std::string method, std::string pattern, std::string name, Handler handler,
                     Streaming streaming) {
  Route route{std::move(method), std::move(pattern), std::move(handler), std::move(name), streaming,
              {}, 0};
  for (std::string_view segment : split_path(route.pattern)) {
    route.segments.emplace_back(segment);
    if (is_capture(segment)) ++route.captures;
  }
  const std::size_t length = route.segments.size();
  if (m_by_length.size() <= length) m_by_length.resize(length + 1);
  m_by_length[length].push_back(m_routes.size());
  m_routes.push_back(std::move(route));
}

const Route& RouteTable::match(ApiRequest& request) const {
  const auto path = split_path(request.path);
  bool path_known = false;
  const Route* best = nullptr;
  if (path.size() < m_by_length.size()) {
    for (const std::size_t index : m_by_length[path.size()]) {
      const Route& route = m_routes[index];
      if (!segments_match(route, path)) {
        continue;
      }
      if (route.method != request.method) {
        path_known = true;
        continue;
      }
      // A literal segment beats a capture: POST /v1/threads/runs is not "modify thread 'runs'".
      if (best == nullptr || route.captures < best->captures) best = &route;
    }
  }
  if (best == nullptr) {
    if (path_known) throw errors::method_not_allowed(request.method, request.path);
    throw errors::invalid_url(request.method, request.path);
  }
  request.path_params.clear();
  for (std::size_t i = 0; i < path.size(); ++i) {
    const std::string& want = best->segments[i];
    if (is_capture(want)) {
      request.path_params.emplace(want.substr(1, want.size() - 2), std::string(path[i]));
    }
  }
  return *best;
}

}  // namespace mock::http
