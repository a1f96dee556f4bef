#include "observe/journal_record.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "observe/journal.hpp"

namespace mock::observe {
namespace {

bool is_secret_lowercase_name(std::string_view n) {
  return n == "authorization" || n == "cookie" || n == "set-cookie" || n == "openai-organization" ||
         n == "openai-project" || n == "proxy-authorization" || n.find("api-key") != std::string_view::npos ||
         n.find("api_key") != std::string_view::npos || n.find("token") != std::string_view::npos ||
         n.find("secret") != std::string_view::npos;
}

// Length-prefixed strings in one buffer.
class Packer {
public:
  explicit Packer(std::string& out) : m_out(out) {}
  void put(std::string_view text) {
    put_length(text.size());
    m_out.append(text);
  }
  void put_count(std::size_t n) { put_length(n); }
  // A name, lower-cased as it is copied; returns the copy.
  std::string_view put_lowercase(std::string_view name) {
    put_length(name.size());
    const std::size_t at = m_out.size();
    for (const char c : name) m_out.push_back(http::ascii_lower(c));
    return std::string_view(m_out).substr(at);
  }
  static std::size_t overhead() { return sizeof(std::uint32_t); }

private:
  void put_length(std::size_t n) {
    const auto length = static_cast<std::uint32_t>(n);
    char bytes[sizeof(length)];
    std::memcpy(bytes, &length, sizeof(length));
    m_out.append(bytes, sizeof(length));
  }
  std::string& m_out;
};

class Unpacker {
public:
  explicit Unpacker(std::string_view in) : m_in(in) {}
  std::string_view take() {
    const std::size_t n = take_count();
    if (n > m_in.size() - m_at) throw std::logic_error("journal record: truncated");
    const std::string_view out = m_in.substr(m_at, n);
    m_at += n;
    return out;
  }
  std::size_t take_count() {
    std::uint32_t length = 0;
    if (m_in.size() - m_at < sizeof(length)) throw std::logic_error("journal record: truncated");
    std::memcpy(&length, m_in.data() + m_at, sizeof(length));
    m_at += sizeof(length);
    return length;
  }

private:
  std::string_view m_in;
  std::size_t m_at = 0;
};

// The body as JSON when it is JSON (and not cut), else as text.
void settle_body(JournalEntry& entry, std::string_view raw) {
  if (raw.empty()) return;
  if (entry.body_bytes == raw.size()) {
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
  entry.body = Json::parse(Json(std::string(raw)).dump(-1, ' ', false, Json::error_handler_t::replace));
}
}  // namespace

bool is_secret_header(std::string_view name) {
  std::string lowered(name);
  for (char& c : lowered) c = http::ascii_lower(c);
  return is_secret_lowercase_name(lowered);
}

JournalRecord JournalRecord::capture(const http::ApiRequest& request, const http::ApiResponse& response,
                                     double duration_ms, std::int64_t now_ms, std::size_t max_body_bytes) {
  JournalRecord record;
  record.m_received_at_ms = now_ms;
  record.m_body_bytes = request.body.size();
  record.m_duration_ms = duration_ms;
  record.m_status = response.status;
  const std::string_view body = std::string_view(request.body).substr(0, max_body_bytes);
  const std::string_view served_by =
      response.served_by.empty() ? std::string_view("unmatched") : std::string_view(response.served_by);

  std::size_t size = request.method.size() + request.path.size() + served_by.size() +
                     response.near_miss.size() + body.size() + 7 * Packer::overhead();
  for (const auto& [name, value] : request.query) size += name.size() + value.size() + 2 * Packer::overhead();
  for (const auto& [name, value] : request.headers) {
    size += name.size() + std::max(value.size(), k_redacted.size()) + 2 * Packer::overhead();
  }
  record.m_packed.reserve(size);

  Packer packer(record.m_packed);
  packer.put(request.method);
  packer.put(request.path);
  // A key may come as a query parameter too (?api_key=...): same rule as for headers.
  packer.put_count(request.query.size());
  for (const auto& [name, value] : request.query) {
    packer.put(name);
    packer.put(is_secret_header(name) ? k_redacted : std::string_view(value));
  }
  packer.put_count(request.headers.size());
  for (const auto& [name, value] : request.headers) {
    const std::string_view lowered = packer.put_lowercase(name);
    packer.put(is_secret_lowercase_name(lowered) ? k_redacted : std::string_view(value));
  }
  packer.put(served_by);
  packer.put(response.near_miss);
  packer.put(body);
  return record;
}

JournalEntry JournalRecord::unpack() const {
  JournalEntry entry;
  entry.id = m_id;
  entry.received_at_ms = m_received_at_ms;
  entry.body_bytes = m_body_bytes;
  entry.duration_ms = m_duration_ms;
  entry.status = m_status;
  Unpacker in(m_packed);
  entry.method = in.take();
  entry.path = in.take();
  for (std::size_t n = in.take_count(); n > 0; --n) {
    std::string name(in.take());
    entry.query.emplace_back(std::move(name), std::string(in.take()));
  }
  for (std::size_t n = in.take_count(); n > 0; --n) {
    std::string name(in.take());
    entry.headers.emplace_back(std::move(name), std::string(in.take()));
  }
  entry.served_by = in.take();
  entry.near_miss = in.take();
  settle_body(entry, in.take());
  return entry;
}

}  // namespace mock::observe
