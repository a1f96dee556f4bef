#include "recorder/proxy.hpp"

#include <chrono>
#include <utility>

#include "http/api_error.hpp"
#include "recorder/http_mapping.hpp"

namespace recorder {

mock::http::ApiError cassette_miss(const std::string& cassette_label, const std::string& explanation) {
  mock::http::ApiError error(400, "Cassette '" + cassette_label + "': " + explanation,
                             "invalid_request_error", std::nullopt, "cassette_miss");
  // The SDKs retry some statuses on their own; a miss stays a miss, so tell them not to.
  error.headers.emplace("x-should-retry", "false");
  return error;
}

Proxy::Proxy(Parts parts) : m_parts(std::move(parts)) {}

mock::http::ApiResponse Proxy::handle(const mock::http::ApiRequest& request) const {
  const auto started = std::chrono::steady_clock::now();
  const auto log = [&](int status, std::string_view what) {
    if (!m_parts.log) return;
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    // Method and path only: a query or a header may carry a secret.
    m_parts.log(request.method + " " + request.path + " -> " + std::to_string(status) + " " + std::string(what) +
                " (" + std::to_string(ms.count()) + " ms)");
  };

  const cassettes::RecordedRequest live = m_parts.redactor->redact_request(to_recorded_request(request));
  const auto found = m_parts.replayer->find(live);
  switch (decide(m_parts.mode, m_parts.cassette_existed, found.has_value())) {
    case Action::replay: {
      // find() only asked; take() picks again and marks the answer played, so two identical
      // requests at once get two successive recordings.
      auto taken = m_parts.replayer->take(live);
      if (!taken) break;  // cannot happen: a recording that matched keeps matching
      mock::http::ApiResponse response = m_parts.replayer->respond(*taken);
      response.served_by = "cassette " + m_parts.cassette_label + " #" + std::to_string(*taken);
      log(response.status, "replayed #" + std::to_string(*taken));
      return response;
    }
    case Action::forward_and_record: {
      if (!m_parts.forwarder) break;
      try {
        mock::http::ApiResponse response = m_parts.forwarder->forward(request);
        response.served_by = "upstream";
        log(response.status, response.stream ? "streaming, recorded when it ends" : "recorded");
        return response;
      } catch (const mock::http::ApiError& error) {
        // Answered, so not "unmatched" in the journal: it names what failed instead.
        const bool write_failed = error.code() == "cassette_write_failed";
        log(error.status(), write_failed ? "cassette write failed, not recorded" : "upstream failed, not recorded");
        mock::http::ApiResponse response = error.to_response();
        response.served_by = write_failed ? "upstream, cassette write failed" : "upstream failed";
        return response;
      }
    }
    case Action::refuse:
      break;
  }
  // Explained only now: scoring every recording is work a hit never needs.
  const std::string explanation =
      found ? "the request matches #" + std::to_string(*found) + " but mode '" +
                  std::string(to_string(m_parts.mode)) + "' does not replay it"
            : m_parts.replayer->explain_miss(live);
  log(400, "no match, refused");
  throw cassette_miss(m_parts.cassette_label, explanation);
}

}  // namespace recorder
