#include "mock/observe/journal.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include <re2/re2.h>

#include "mock/admin/fault_injector.hpp"
#include "mock/http/api_error.hpp"
#include "mock/observe/request_pattern.hpp"

namespace mock::observe {
namespace {

// Header and parameter names are short; lower-casing into a copy is the one allocation a
// header costs, and the copy is what the entry keeps.
void lower_in_place(std::string& text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

std::string lower(std::string_view text) {
  std::string out(text);
  lower_in_place(out);
  return out;
}

bool is_secret_lowercase_name(std::string_view n) {
  return n == "authorization" || n == "cookie" || n == "set-cookie" || n == "openai-organization" ||
         n == "openai-project" || n == "proxy-authorization" || n.find("api-key") != std::string_view::npos ||
         n.find("api_key") != std::string_view::npos || n.find("token") != std::string_view::npos ||
         n.find("secret") != std::string_view::npos;
}
}  // namespace

bool is_secret_header(std::string_view name) { return is_secret_lowercase_name(lower(name)); }

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
  JournalEntry entry;
  entry.received_at_ms = now_ms;
  entry.method = request.method;
  entry.path = request.path;
  // A key may come as a query parameter too (?api_key=...): same rule as for headers.
  entry.query = request.query;
  for (auto& [name, value] : entry.query) {
    if (is_secret_header(name)) value = std::string(k_redacted);
  }
  entry.headers.reserve(request.headers.size());
  for (const auto& [name, value] : request.headers) {
    std::string lowered = name;
    lower_in_place(lowered);
    const bool secret = is_secret_lowercase_name(lowered);
    entry.headers.emplace_back(std::move(lowered), secret ? std::string(k_redacted) : value);
  }
  entry.body_bytes = request.body.size();
  entry.raw_body = request.body.substr(0, k_max_body_bytes);
  entry.status = response.status;
  entry.served_by = response.served_by.empty() ? "unmatched" : response.served_by;
  entry.near_miss = response.near_miss;
  entry.duration_ms = duration_ms;

  std::lock_guard lock(m_mutex);
  entry.id = m_next_id++;
  m_entries.push_back(std::move(entry));
  while (m_entries.size() > m_capacity) {
    m_entries.pop_front();
    ++m_dropped;
  }
}

void Journal::settle_body(JournalEntry& entry) {
  if (entry.raw_body.empty()) return;
  const std::string raw = std::exchange(entry.raw_body, std::string());
  if (entry.body_bytes <= k_max_body_bytes) {
    bool too_deep = false;
    Json parsed = Json::parse(
        raw,
        [&too_deep](int depth, Json::parse_event_t, Json&) {
          too_deep = too_deep || depth > 64;
          return !too_deep;
        },
        false);
    if (!parsed.is_discarded() && !too_deep) {
      entry.body = std::move(parsed);
      return;
    }
  }
  entry.body_truncated = raw.size() < entry.body_bytes;
  // Invalid UTF-8 (or a sequence cut in two) would make the journal unprintable as JSON:
  // round-trip through dump with replacement characters.
  entry.body = Json::parse(Json(raw).dump(-1, ' ', false, Json::error_handler_t::replace));
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
  for (JournalEntry& e : m_entries) {
    if (query.since_id && e.id <= *query.since_id) continue;
    if (query.method && e.method != *query.method) continue;
    if (query.path && !admin::glob_match(*query.path, e.path)) continue;
    if (regex && !re2::RE2::FullMatch(e.path, *regex)) continue;
    if (query.status && e.status != *query.status) continue;
    if (query.unmatched_only && e.served_by != "unmatched") continue;
    settle_body(e);
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
  return static_cast<std::size_t>(std::count_if(m_entries.begin(), m_entries.end(), [&](JournalEntry& e) {
    settle_body(e);
    return compiled.matches(e);
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
