#pragma once
// A verification pattern for POST /__admin/requests/count:
//   {"method": "POST", "path": "/v1/threads/*/runs" | "path_regex": "...",
//    "query": {"limit": "20"}, "body": {partial JSON}, "status": 200}
// Every field given must match. `body` matches when every key it has is in the request
// body with a matching value (recursively); an array in the pattern matches the request's
// array element by element (the request may have more).
#include <memory>
#include <optional>
#include <string>

#include "http/json.hpp"

namespace re2 {
class RE2;
}

namespace mock::observe {

struct JournalEntry;

class RequestPattern {
public:
  // Throws ApiError 400 naming the bad field.
  static RequestPattern parse(const Json& pattern);
  bool matches(const JournalEntry& entry) const;

private:
  std::optional<std::string> m_method;
  std::optional<std::string> m_path;
  std::shared_ptr<const re2::RE2> m_path_regex;
  Json m_query = Json::object();
  std::optional<Json> m_body;
  std::optional<int> m_status;
};

// True when `pattern` is contained in `actual` as described above.
bool json_contains(const Json& actual, const Json& pattern);

}  // namespace mock::observe
