#include "timeline/api_on_date.hpp"

#include <string>
#include <vector>

namespace timeline {
namespace {
// The path's segments after "/v1": "/v1/threads/t/runs" -> {"threads", "t", "runs"}.
std::vector<std::string_view> segments_after_v1(std::string_view path) {
  std::vector<std::string_view> out;
  const auto query = path.find('?');
  if (query != std::string_view::npos) path = path.substr(0, query);
  if (!path.starts_with("/v1/")) return out;
  path.remove_prefix(4);
  while (!path.empty()) {
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}
}  // namespace

Surface surface_of(std::string_view path) {
  const auto segments = segments_after_v1(path);
  if (segments.empty()) return Surface::other;
  const std::string_view first = segments.front();
  if (first == "assistants" || first == "threads") return Surface::assistants;
  if (first == "vector_stores") return Surface::vector_stores;
  if (first == "files") return Surface::files;
  if (first == "responses") return Surface::responses;
  if (first == "conversations") return Surface::conversations;
  return Surface::other;
}

bool surface_served(Surface surface, const CalendarDate& date) {
  switch (surface) {
    case Surface::assistants:
      return has_happened(ApiEvent::assistants_launch, date) &&
             !has_happened(ApiEvent::assistants_sunset, date);
    case Surface::vector_stores:
      return has_happened(ApiEvent::v2_launch, date);
    case Surface::responses:
      return has_happened(ApiEvent::responses_launch, date);
    case Surface::conversations:
      return has_happened(ApiEvent::conversations_launch, date);
    case Surface::files:
    case Surface::other:
      return true;
  }
  return true;
}

BetaVerdict beta_verdict(BetaVersion version, const CalendarDate& date) {
  if (version == BetaVersion::v2) {
    return has_happened(ApiEvent::v2_launch, date) ? BetaVerdict::accepted : BetaVerdict::not_yet;
  }
  return has_happened(ApiEvent::v1_shutdown, date) ? BetaVerdict::shut_down : BetaVerdict::accepted;
}

std::string assistants_beta_value(std::string_view header) {
  const auto trim = [](std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return std::string_view();
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
  };
  std::string value;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const std::string_view item = trim(header.substr(0, comma));
    if (item.starts_with("assistants=")) value = item.substr(11);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
  }
  return value;
}

std::optional<Replacement> replacement_for(std::string_view path) {
  if (surface_of(path) != Surface::assistants) return std::nullopt;
  const auto s = segments_after_v1(path);
  // s[0] is "assistants" or "threads"; the resource is the last collection named.
  if (s[0] == "assistants") {
    if (s.size() >= 3 && s[2] == "files") {
      return Replacement{"assistant file", "file_search / code_interpreter tools on each response"};
    }
    return Replacement{"assistant", "prompt (dashboard) or model, instructions and tools on each response"};
  }
  if (s.size() >= 2 && s[1] == "runs") return Replacement{"run", "response (POST /v1/responses)"};
  if (s.size() >= 5 && s[2] == "runs" && s[4] == "steps") {
    return Replacement{"run step", "output item of a response"};
  }
  if (s.size() >= 3 && s[2] == "runs") return Replacement{"run", "response (POST /v1/responses)"};
  if (s.size() >= 5 && s[2] == "messages" && s[4] == "files") {
    return Replacement{"message file", "input_file content or file_search tool"};
  }
  if (s.size() >= 3 && s[2] == "messages") {
    return Replacement{"message", "conversation item (/v1/conversations/{id}/items)"};
  }
  return Replacement{"thread", "conversation (/v1/conversations)"};
}

}  // namespace timeline
