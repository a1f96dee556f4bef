#include "contracts/api_version.hpp"

namespace contracts {
namespace {
std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<ApiVersion> parse_name(std::string_view name) {
  if (name == "v1-2023-12") return ApiVersion::v1_2023_12;
  if (name == "v1-final" || name == "v1") return ApiVersion::v1_final;
  if (name == "v2") return ApiVersion::v2;
  return std::nullopt;
}

// The version name `text` gives: the value of its "assistants=" feature, else the first item
// that is a version name by itself.
std::optional<std::string_view> version_name(std::string_view text) {
  // An OpenAI-Beta header may list several features: "assistants=v2, realtime=v1".
  std::string_view rest = text;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    constexpr std::string_view k_feature = "assistants=";
    if (item.substr(0, k_feature.size()) == k_feature) return item.substr(k_feature.size());
    if (parse_name(item)) return item;
  }
  return std::nullopt;
}
}  // namespace

std::string to_string(ApiVersion version) {
  switch (version) {
    case ApiVersion::v1_2023_12: return "v1-2023-12";
    case ApiVersion::v1_final: return "v1-final";
    case ApiVersion::v2: return "v2";
  }
  return "v2";
}

std::optional<ApiVersion> parse_api_version(std::string_view text) {
  const auto name = version_name(text);
  return name ? parse_name(*name) : std::nullopt;
}

bool is_plain_v1(std::string_view text) { return version_name(text) == std::string_view("v1"); }

const std::vector<ApiVersion>& all_api_versions() {
  static const std::vector<ApiVersion> k_all = {ApiVersion::v1_2023_12, ApiVersion::v1_final,
                                                ApiVersion::v2};
  return k_all;
}

bool is_v1(ApiVersion version) { return version != ApiVersion::v2; }

}  // namespace contracts
