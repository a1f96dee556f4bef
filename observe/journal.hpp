#pragma once
// Every request the server received, newest last, in a bounded ring: what a client test
// asks when it fails ("what did my code send?", "did it call X twice?"). Secrets are
// redacted before an entry is stored; large bodies are cut, keeping their size.
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

#include "http/api_message.hpp"
#include "http/json.hpp"
#include "observe/journal_record.hpp"

namespace mock::observe {

struct JournalEntry {
  std::uint64_t id = 0;         // increasing from 1
  std::int64_t received_at_ms = 0;
  std::string method;
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;    // secret-named values replaced
  std::vector<std::pair<std::string, std::string>> headers;  // lower-case names, secrets replaced
  Json body;                    // JSON as JSON, else text; null when empty
  std::size_t body_bytes = 0;
  bool body_truncated = false;
  int status = 0;
  std::string served_by;        // route name, fault id, cassette entry, or "unmatched"
  std::string near_miss;        // why nothing served it, when known
  double duration_ms = 0;
};

Json to_json(const JournalEntry& entry);

struct JournalQuery {
  std::optional<std::string> method;
  std::optional<std::string> path;        // glob: * within a segment, ** across
  std::optional<std::string> path_regex;  // RE2, full match
  std::optional<int> status;
  std::optional<std::uint64_t> since_id;  // entries with a larger id
  std::size_t limit = 100;
  bool unmatched_only = false;
};

class Journal {
public:
  static constexpr std::size_t k_default_capacity = 1000;
  static constexpr std::size_t k_max_body_bytes = 16 * 1024;

  explicit Journal(std::size_t capacity = k_default_capacity) : m_capacity(capacity) {}

  void record(const http::ApiRequest& request, const http::ApiResponse& response,
              double duration_ms, std::int64_t now_ms);
  // {"entries": [...oldest first], "dropped": N, "capacity": N}; throws ApiError 400 on a bad regex.
  Json list(const JournalQuery& query) const;
  // Entries matching a verification pattern (request_pattern.hpp).
  std::size_t count(const Json& pattern) const;
  void clear();
  std::uint64_t dropped() const;
  bool enabled() const { return m_capacity > 0; }

private:
  std::size_t m_capacity;
  mutable std::mutex m_mutex;
  std::deque<JournalRecord> m_entries;
  std::uint64_t m_next_id = 1;
  std::uint64_t m_dropped = 0;
};

// Header names whose values are secrets: Authorization, Cookie, Set-Cookie,
// OpenAI-Organization, OpenAI-Project, and anything naming a key or token.
bool is_secret_header(std::string_view name);
constexpr std::string_view k_redacted = "<redacted>";

}  // namespace mock::observe
