#include "observe/journal.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include <re2/re2.h>

#include "http/api_error.hpp"
#include "http/path_glob.hpp"
#include "observe/request_pattern.hpp"

namespace mock::observe {

Json to_json(const JournalEntry& e) {
  Json query = Json::object();
  for (const auto& [key, value] : e.query) query[key] = value;
  Json headers = Json::object();
  for (const auto& [name, value] : e.headers) headers[name] = value;
  Json out = Json{{"id", e.id},
                  {"received_at_ms", e.received_at_ms},
                  {"method", e.method},
                  {"path", e.path},
                  {"query", query},
                  {"headers", headers},
                  {"body", e.body},
                  {"body_bytes", e.body_bytes},
                  {"body_truncated", e.body_truncated},
                  {"status", e.status},
                  {"served_by", e.served_by},
                  {"duration_ms", e.duration_ms}};
  if (!e.near_miss.empty()) out["near_miss"] = e.near_miss;
  return out;
}

void Journal::record(const http::ApiRequest& request, const http::ApiResponse& response,
                     double duration_ms, std::int64_t now_ms) {
  if (m_capacity == 0) return;
  JournalRecord record = JournalRecord::capture(request, response, duration_ms, now_ms, k_max_body_bytes);
  std::optional<JournalRecord> oldest;  // freed after the lock is released
  std::lock_guard lock(m_mutex);
  record.set_id(m_next_id++);
  m_entries.push_back(std::move(record));
  if (m_entries.size() > m_capacity) {
    oldest.emplace(std::move(m_entries.front()));
    m_entries.pop_front();
    ++m_dropped;
  }
}

Json Journal::list(const JournalQuery& query) const {
  std::unique_ptr<re2::RE2> regex;
  if (query.path_regex) {
    RE2::Options options;
    options.set_log_errors(false);
    regex = std::make_unique<re2::RE2>(*query.path_regex, options);
    if (!regex->ok()) {
      throw http::errors::invalid_request("Invalid 'path_regex': " + regex->error(), "path_regex");
    }
  }
  std::lock_guard lock(m_mutex);
  Json entries = Json::array();
  for (const JournalRecord& record : m_entries) {
    const JournalEntry e = record.unpack();
    if (query.since_id && e.id <= *query.since_id) continue;
    if (query.method && e.method != *query.method) continue;
    if (query.path && !http::glob_match(*query.path, e.path)) continue;
    if (regex && !re2::RE2::FullMatch(e.path, *regex)) continue;
    if (query.status && e.status != *query.status) continue;
    if (query.unmatched_only && e.served_by != "unmatched") continue;
    entries.push_back(to_json(e));
  }
  // The newest `limit` entries, oldest first.
  if (entries.size() > query.limit) {
    entries.erase(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(entries.size() - query.limit));
  }
  return Json{{"entries", entries}, {"dropped", m_dropped}, {"capacity", m_capacity}};
}

std::size_t Journal::count(const Json& pattern) const {
  const RequestPattern compiled = RequestPattern::parse(pattern);
  std::lock_guard lock(m_mutex);
  return static_cast<std::size_t>(std::count_if(m_entries.begin(), m_entries.end(), [&](const JournalRecord& record) {
    return compiled.matches(record.unpack());
  }));
}

void Journal::clear() {
  std::lock_guard lock(m_mutex);
  m_entries.clear();
  m_dropped = 0;
}

std::uint64_t Journal::dropped() const {
  std::lock_guard lock(m_mutex);
  return m_dropped;
}

}  // namespace mock::observe
