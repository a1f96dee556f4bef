#pragma once
// "The next N requests matching METHOD PATH-pattern answer STATUS with this body and
// these headers": for testing how a client handles 429s, 500s and friends.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "http/api_message.hpp"
#include "http/json.hpp"

namespace mock::admin {

struct Fault {
  std::string id;
  std::string method = "*";  // or GET, POST, ...
  std::string path;          // glob: * matches within a segment, ** across segments
  int remaining = 1;
  int status = 500;
  Json body;                 // null: the OpenAI error envelope for `status`
  http::Headers headers;
};

// A fault definition from POST /__admin/faults; throws ApiError 400 naming the bad field.
Fault parse_fault(const Json& body, std::string id);
Json fault_to_json(const Fault& fault);

class FaultInjector {
public:
  Json add(const Json& definition);
  Json list() const;
  void clear();
  // The answer of the first matching fault with uses left (and uses it up), if any.
  std::optional<http::ApiResponse> take(const http::ApiRequest& request);

private:
  mutable std::mutex m_mutex;
  std::vector<Fault> m_faults;
  std::uint64_t m_next_id = 1;
  // Whether m_faults holds any, set under m_mutex. Every API request asks take(); with no
  // faults set (the usual case) it answers without the lock all server threads share.
  std::atomic<bool> m_armed{false};
};

}  // namespace mock::admin
