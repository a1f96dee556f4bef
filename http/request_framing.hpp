#pragma once
// How a request says where its body ends (Content-Length, Transfer-Encoding), judged from its
// headers before the body is read: a body past the limit is refused unread, and framings that
// a proxy in front could read differently from us (request smuggling) are refused at all.
// httplib 0.11 accepts two different Content-Lengths, and a Content-Length of -1.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "http/read_budget.hpp"

namespace mock::http {

struct FramingVerdict {
  std::optional<Refusal> refusal;  // none: read the body
  std::string problem;             // for bad_framing: what is wrong, as the client will read it
};

FramingVerdict judge_framing(const std::vector<std::string>& content_lengths,
                             const std::optional<std::string>& transfer_encoding, std::size_t max_body_bytes);

}  // namespace mock::http
