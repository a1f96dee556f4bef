#pragma once
// One journal entry as the journal keeps it: every string of the request packed into one
// buffer, so recording a request costs one allocation and dropping the oldest entry one
// free. A dozen separate strings per entry, allocated on one worker thread and freed on
// another a thousand requests later, cost a GET a sixth of its throughput. Readers (the
// admin API, rarely) unpack it into a JournalEntry.
#include <cstdint>
#include <string>
#include <string_view>

#include "http/api_message.hpp"

namespace mock::observe {

struct JournalEntry;

class JournalRecord {
public:
  // Secrets are replaced here, before anything is kept; names are lower-cased; the body is
  // cut at `max_body_bytes`.
  static JournalRecord capture(const http::ApiRequest& request, const http::ApiResponse& response,
                               double duration_ms, std::int64_t now_ms, std::size_t max_body_bytes);

  // The entry with its body as JSON (or as text when it is not JSON, or was cut).
  JournalEntry unpack() const;

  void set_id(std::uint64_t id) { m_id = id; }

private:
  std::uint64_t m_id = 0;
  std::int64_t m_received_at_ms = 0;
  std::size_t m_body_bytes = 0;
  double m_duration_ms = 0;
  int m_status = 0;
  // method, path, query count and pairs, header count and pairs, served_by, near_miss, body:
  // each string as its length (4 bytes) and its bytes.
  std::string m_packed;
};

}  // namespace mock::observe
