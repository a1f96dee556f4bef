#include "contracts/path_template.hpp"

namespace contracts {

std::vector<std::string_view> path_segments(std::string_view path) {
  path = path.substr(0, path.find('?'));
  std::vector<std::string_view> segments;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  }
  return segments;
}

int match_path_template(std::string_view pattern, const std::vector<std::string_view>& path) {
  const std::vector<std::string_view> wanted = path_segments(pattern);
  if (wanted.size() != path.size()) return -1;
  int literals = 0;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (wanted[i].front() == '{' && wanted[i].back() == '}') continue;
    if (wanted[i] != path[i]) return -1;
    ++literals;
  }
  return literals;
}

}  // namespace contracts
