#include "observe/observer.hpp"

#include <chrono>
#include <utility>

#include "http/api_error.hpp"
#include "observe/observe_routes.hpp"

namespace mock::observe {

Observer::Observer(std::size_t journal_size) : m_journal(journal_size) {
  register_observe_routes(m_routes, m_journal, m_metrics);
  m_metrics.set_journal_dropped([this] { return m_journal.dropped(); });
}

std::optional<http::ApiResponse> Observer::handle_admin(http::ApiRequest& request) const {
  if (!request.path.starts_with("/__admin/requests") && request.path != "/__admin/metrics" &&
      request.path != "/__admin/health") {
    return std::nullopt;
  }
  const http::Route& route = m_routes.match(request);
  http::ApiResponse response;
  try {
    response = route.handler(request);
  } catch (const http::ApiError& error) {
    response = error.to_response();  // a bad filter, a journal that is off
  }
  response.served_by = route.name;  // else the metrics would count it as unmatched
  return response;
}

void Observer::log_requests(LogFormat format, std::function<void(const std::string&)> sink) {
  m_log_format = format;
  m_log = std::move(sink);
}

void Observer::observe(const http::ApiRequest& request, const http::ApiResponse& response, double elapsed_ms) {
  m_metrics.observe(response, elapsed_ms);
  // Wall-clock time: record and replay have no clock of their own to follow.
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  if (m_log) m_log(format_request_line(m_log_format, request, response, elapsed_ms, now.count()));
  if (request.path.starts_with("/__admin/")) return;
  m_journal.record(request, response, elapsed_ms, now.count());
}

}  // namespace mock::observe
