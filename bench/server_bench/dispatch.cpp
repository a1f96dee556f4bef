#include "bench/server_bench/dispatch.hpp"

#include <string>
#include <string_view>

#include <httplib.h>

#include "bench/server_bench/settings.hpp"
#include "bench/server_bench/text.hpp"
#include "http/api_message.hpp"

namespace server_bench {

DispatchTiming time_dispatch(mock::MockServer& server, const Call& call) {
  mock::http::ApiRequest request;
  request.method = call.method;
  const auto question = call.path.find('?');
  request.path = call.path.substr(0, question);
  if (question != std::string::npos) {
    std::string_view rest = std::string_view(call.path).substr(question + 1);
    while (!rest.empty()) {
      const auto amp = rest.find('&');
      const std::string_view item = rest.substr(0, amp);
      const auto eq = item.find('=');
      request.query.emplace_back(std::string(item.substr(0, eq)),
                                 eq == std::string_view::npos ? ""
                                                              : std::string(item.substr(eq + 1)));
      rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    }
  }
  // The headers httplib's client sends, plus ours.
  for (const auto& [key, value] : mock_headers()) request.headers.emplace(key, value);
  request.headers.emplace("Host", std::string(k_host) + ":" + std::to_string(server.port()));
  request.headers.emplace("Accept", "*/*");
  request.headers.emplace("User-Agent", "cpp-httplib/" CPPHTTPLIB_VERSION);
  if (call.method == "POST") {
    request.headers.emplace("Content-Type", "application/json");
    request.headers.emplace("Content-Length", std::to_string(call.body.size()));
  }
  request.body = call.body;

  constexpr double k_budget_seconds = 0.3;
  DispatchTiming timing;
  std::uint64_t calls = 0;
  const auto started = SteadyClock::now();
  double elapsed = 0;
  while (calls < 100 || elapsed < k_budget_seconds) {
    mock::http::ApiRequest copy = request;
    const mock::http::ApiResponse response = server.handle(copy);
    ++calls;
    if (!is_2xx(response.status)) {
      if (timing.failures++ == 0) {
        timing.first_failure = "HTTP " + std::to_string(response.status) + " " +
                               truncated(response.body, 200);
      }
    }
    if (calls % 64 == 0) elapsed = seconds_between(started, SteadyClock::now());
  }
  elapsed = seconds_between(started, SteadyClock::now());
  timing.micros_per_call = elapsed * 1e6 / static_cast<double>(calls);
  return timing;
}

}  // namespace server_bench
