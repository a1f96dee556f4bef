#include "tests/fuzz/mock_harness.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

namespace fuzz {
namespace {

// A streamed run on the manual clock waits for time that never comes; a day later every run
// has ended or expired, so the stream writes all its events and returns.
constexpr std::int64_t k_stream_clock_jump_ms = 24LL * 3600 * 1000;
constexpr std::size_t k_max_stream_bytes = std::size_t{4} << 20U;

[[noreturn]] void broken(const char* what, const mock::http::ApiRequest& request,
                         const std::string& detail) {
  std::fprintf(stderr, "fuzz: %s for %s %s: %.2000s\n", what, request.method.c_str(),
               request.path.c_str(), detail.c_str());
  std::abort();
}

class CollectingSink final : public mock::http::StreamSink {
public:
  bool write(std::string_view data) override {
    m_bytes.append(data);
    return m_bytes.size() < k_max_stream_bytes;  // then the "client" goes away
  }
  std::string take() { return std::move(m_bytes); }

private:
  std::string m_bytes;
};

void check_sse(const mock::http::ApiRequest& request, std::string_view stream) {
  std::size_t start = 0;
  while (start < stream.size()) {
    std::size_t end = stream.find('\n', start);
    if (end == std::string_view::npos) break;  // cut by the sink's limit
    const std::string_view line = stream.substr(start, end - start);
    start = end + 1;
    if (!line.starts_with("data:")) continue;
    std::string_view payload = line.substr(5);
    if (payload.starts_with(' ')) payload.remove_prefix(1);
    if (payload != "[DONE]" && !mock::Json::accept(payload)) {
      broken("an SSE data line that is not JSON", request, std::string(payload));
    }
  }
}

// A download answers the uploaded bytes typed as uploaded: "JSON" that is not JSON is the file.
bool is_download(const mock::http::ApiResponse& response) { return response.served_by == "files.content"; }

}  // namespace

std::unique_ptr<mock::MockServer> make_server(std::optional<mock::scenario::Scenario> scenario) {
  mock::MockServerConfig config;
  config.http.port = 0;
  config.seed = 1;
  config.manual_clock = true;
  config.journal_size = 64;
  config.file_limits.max_file_bytes = 256;
  config.file_limits.max_total_bytes = 1024;
  config.scenario = std::move(scenario);
  return std::make_unique<mock::MockServer>(std::move(config));
}

mock::http::ApiResponse serve(mock::MockServer& server, mock::http::ApiRequest& request) {
  // handle() turns every ApiError into its answer; anything else it lets through is a bug
  // (the HTTP front would answer it as a 500 internal error).
  mock::http::ApiResponse response = server.handle(request);
  if (response.status < 100 || response.status > 599) {
    broken("a status outside 100..599", request, std::to_string(response.status));
  }
  if (response.stream) {
    server.services().clock.advance_ms(k_stream_clock_jump_ms);
    CollectingSink sink;
    response.stream(sink);
    response.stream = nullptr;
    response.body = sink.take();
    check_sse(request, response.body);
  } else if (response.content_type == "application/json" && !is_download(response) &&
             !response.body.empty() && !mock::Json::accept(response.body)) {
    broken("a JSON answer that is not JSON", request, response.body);
  }
  if (response.status == 500 && !response.served_by.starts_with("fault:")) {
    broken("an internal error", request, response.body);
  }
  // AM_FUZZ_TRACE=1: what an input did, request by request, when replaying it by hand.
  static const bool trace = std::getenv("AM_FUZZ_TRACE") != nullptr;
  if (trace) {
    std::fprintf(stderr, "%s %s -> %d %.300s\n", request.method.c_str(), request.path.c_str(), response.status,
                 response.body.c_str());
  }
  server.metrics().observe(response, 0.0);
  if (!request.path.starts_with("/__admin/")) {
    server.journal().record(request, response, 0.0, server.services().clock.now_ms());
  }
  return response;
}

mock::http::ApiRequest api_request(std::string method, std::string path, std::string body) {
  mock::http::ApiRequest request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.body = std::move(body);
  request.headers.emplace("Authorization", "Bearer sk-test");
  request.headers.emplace("OpenAI-Beta", "assistants=v2");
  if (!request.body.empty()) request.headers.emplace("Content-Type", "application/json");
  return request;
}

}  // namespace fuzz
