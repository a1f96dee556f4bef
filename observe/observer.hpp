#pragma once
// The journal, the metrics and their admin routes (/__admin/requests, /count, /unmatched,
// /__admin/metrics) for a server that is not the mock itself: `record` and `replay` answer
// the same verification calls as `serve`, so a test does not care which one it talks to.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "http/api_message.hpp"
#include "http/route_table.hpp"
#include "observe/journal.hpp"
#include "observe/metrics.hpp"
#include "observe/request_log.hpp"

namespace mock::observe {

class Observer {
public:
  explicit Observer(std::size_t journal_size);
  Observer(const Observer&) = delete;
  Observer& operator=(const Observer&) = delete;

  // The answer of an observe route (an error in the envelope included), or nothing when the
  // request is for none of them.
  std::optional<http::ApiResponse> handle_admin(http::ApiRequest& request) const;
  // Counts the request in the metrics, keeps it in the journal (admin calls aside) and
  // writes its request log line, if one is set.
  void observe(const http::ApiRequest& request, const http::ApiResponse& response, double elapsed_ms);
  // One line per request, admin calls included, in `format` (as serve logs them) to `sink`.
  // Set it before serving.
  void log_requests(LogFormat format, std::function<void(const std::string&)> sink);

  Journal& journal() { return m_journal; }
  Metrics& metrics() { return m_metrics; }

private:
  Journal m_journal;
  Metrics m_metrics;
  http::RouteTable m_routes;
  LogFormat m_log_format = LogFormat::text;
  std::function<void(const std::string&)> m_log;
};

}  // namespace mock::observe
