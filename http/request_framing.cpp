#include "http/request_framing.hpp"

#include <algorithm>
#include <cctype>

namespace mock::http {
namespace {
bool is_chunked(const std::string& encoding) {
  std::string lowered = encoding;
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lowered == "chunked";
}

FramingVerdict bad(std::string problem) { return {Refusal::bad_framing, std::move(problem)}; }
}  // namespace

FramingVerdict judge_framing(const std::vector<std::string>& content_lengths,
                             const std::optional<std::string>& transfer_encoding, std::size_t max_body_bytes) {
  if (transfer_encoding) {
    if (!content_lengths.empty()) return bad("A request may not carry both Content-Length and Transfer-Encoding.");
    if (!is_chunked(*transfer_encoding)) return bad("Unsupported Transfer-Encoding (only chunked is accepted).");
  }
  for (const std::string& value : content_lengths) {
    if (value.empty() || value.size() > 19 ||
        !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return bad("Invalid Content-Length header.");
    }
    if (value != content_lengths.front()) return bad("Conflicting Content-Length headers.");
  }
  if (!content_lengths.empty() && std::stoull(content_lengths.front()) > max_body_bytes) {
    return {Refusal::body_too_large, ""};
  }
  return {};
}

}  // namespace mock::http
