#include "recorder/cassette_name.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <system_error>

namespace recorder {
namespace {

constexpr std::size_t k_max_name_length = 200;

bool allowed_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == '/' || c == '+' || c == '@';
}

tl::unexpected<NameError> refused(std::string_view name, const std::string& why) {
  return tl::unexpected(NameError{NameError::Kind::refused,
                                  "Invalid cassette name '" + std::string(name.substr(0, k_max_name_length)) +
                                      "': " + why + "."});
}

}  // namespace

tl::expected<std::filesystem::path, NameError> resolve_cassette_name(const std::filesystem::path& root,
                                                                     std::string_view name) {
  if (name.empty()) return refused(name, "it is empty");
  if (name.size() > k_max_name_length) return refused(name, "it is longer than 200 characters");
  if (name.front() == '/') return refused(name, "absolute names are not allowed; name a cassette relative to the directory");
  if (!std::all_of(name.begin(), name.end(), allowed_character)) {
    return refused(name, "use letters, digits and - _ . + @ /");
  }
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = name.find('/', start);
    std::string segment(name.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (segment.empty() || segment == "." || segment == "..") {
      return refused(name, "empty, '.' and '..' path segments are not allowed");
    }
    segments.push_back(std::move(segment));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (!segments.back().ends_with(".json")) segments.back() += ".json";

  // Walk down without following links: a link could point anywhere.
  std::filesystem::path path = root;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    path /= segments[i];
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
      return tl::unexpected(NameError{NameError::Kind::not_found, "No cassette named '" + std::string(name) +
                                                                      "' in the replay directory."});
    }
    if (S_ISLNK(info.st_mode)) return refused(name, "it goes through a symbolic link");
    const bool last = i + 1 == segments.size();
    if (last ? !S_ISREG(info.st_mode) : !S_ISDIR(info.st_mode)) {
      return tl::unexpected(NameError{NameError::Kind::not_found, "No cassette named '" + std::string(name) +
                                                                      "' in the replay directory."});
    }
  }
  // Belt and braces: whatever the checks above missed, the file must lie under the root.
  std::error_code error;
  const std::filesystem::path real_root = std::filesystem::canonical(root, error);
  const std::filesystem::path real_file = std::filesystem::canonical(path, error);
  if (error || !real_file.string().starts_with(real_root.string() + "/")) {
    return refused(name, "it resolves outside the replay directory");
  }
  return path;
}

std::vector<std::string> list_cassette_names(const std::filesystem::path& root) {
  std::vector<std::string> names;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(root, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_symlink(error) || !it->is_regular_file(error)) continue;
    const std::string relative = std::filesystem::relative(it->path(), root, error).string();
    if (!relative.ends_with(".json") || relative.find(".tmp-") != std::string::npos) continue;
    names.push_back(relative.substr(0, relative.size() - 5));
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace recorder
