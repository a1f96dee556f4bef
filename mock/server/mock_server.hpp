#pragma once
// The mock server: clock, ids, store, run driver and route table wired to the HTTP
// front. `assistants-mock serve` and the in-process tests and benchmarks all use this.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "http/http_server.hpp"
#include "http/route_table.hpp"
#include "mock/admin/admin_routes.hpp"
#include "mock/as_of/as_of_setting.hpp"
#include "mock/admin/fault_injector.hpp"
#include "mock/assistants/services.hpp"
#include "mock/files/file_services.hpp"
#include "mock/responses/services.hpp"
#include "mock/server/stream_slots.hpp"
#include "mock/vector_stores/services.hpp"
#include "mock/vector_stores/tool_resource_links.hpp"
#include "observe/journal.hpp"
#include "observe/metrics.hpp"
#include "observe/request_log.hpp"

namespace mock {

struct MockServerConfig {
  http::HttpServerConfig http;
  std::optional<std::uint64_t> seed;      // reproducible ids
  std::optional<std::string> api_key;     // accept only this bearer key
  std::optional<std::string> admin_token; // /__admin needs X-Admin-Token: this
  std::int64_t run_step_ms = 10;          // pace of run transitions
  std::int64_t poll_after_ms = 25;        // openai-poll-after-ms header on run answers
  bool log_requests = false;              // one line per request on stderr
  observe::LogFormat log_format = observe::LogFormat::text;
  std::size_t journal_size = observe::Journal::k_default_capacity;  // 0 turns the journal off
  bool manual_clock = false;              // time moves only through /__admin/clock/advance
  std::int64_t manual_clock_start_ms = core::ManualClock::k_default_start_ms;
  std::optional<scenario::Scenario> scenario;  // rules that script the assistant
  files::FileLimits file_limits;          // bytes kept per file and in all (413 beyond)
  // Runs streaming at once; one more gets 429. Unset: three quarters of http.threads, so
  // streams never take the connections the requests that end them need.
  std::optional<std::size_t> max_streams;
  // Answer as the live API did on this date (timeline/); unset: every surface served.
  std::optional<timeline::CalendarDate> as_of;
};

class MockServer {
public:
  explicit MockServer(MockServerConfig config);
  ~MockServer();
  MockServer(const MockServer&) = delete;
  MockServer& operator=(const MockServer&) = delete;

  // Binds the socket and returns the port (useful with port 0). Throws on failure.
  int bind();
  // Serves on this thread until stop().
  bool serve();
  // Serves on a background thread; returns once the server accepts connections.
  void start();
  void stop();

  int port() const { return m_http->port(); }
  std::string base_url() const;  // "http://127.0.0.1:PORT"
  // After bind(): whether only this machine can connect.
  bool loopback_only() const { return m_http->loopback_only(); }
  std::size_t open_connections() const { return m_http->open_connections(); }
  const StreamSlots& stream_slots() const { return m_stream_slots; }

  // Dispatches one request without the network (same path as an HTTP request takes).
  http::ApiResponse handle(http::ApiRequest& request);

  assistants::Services& services() { return *m_services; }
  files::FileStore& file_store() { return m_file_store; }
  vector_stores::VectorStoreStore& vector_store_store() { return m_vector_store_store; }
  admin::FaultInjector& faults() { return m_faults; }
  observe::Journal& journal() { return m_journal; }
  observe::Metrics& metrics() { return m_metrics; }
  as_of::AsOfSetting& as_of() { return m_as_of; }
  // Clears objects, id sequence, rule counts, faults and the journal; keeps the scenario.
  void reset();

private:
  void wire_files_and_vector_stores();
  // Throws the API-of-the-date's answer when it would not serve the request (as_of/);
  // else marks the request with the date, for the v1 renderers.
  void apply_date_gate(http::ApiRequest& request) const;

  void observe_request(const http::ApiRequest& request, const http::ApiResponse& response,
                       double elapsed_ms);

  MockServerConfig m_config;
  std::unique_ptr<core::Clock> m_clock;
  core::IdGenerator m_ids;
  assistants::AssistantsStore m_store;
  assistants::AssistantsConfig m_assistants_config;
  scenario::ScenarioBook m_scenarios;
  admin::FaultInjector m_faults;
  observe::Journal m_journal;
  observe::Metrics m_metrics;
  StreamSlots m_stream_slots;
  as_of::AsOfSetting m_as_of;
  std::unique_ptr<admin::AdminContext> m_admin;
  std::unique_ptr<assistants::RunDriver> m_run_driver;
  std::unique_ptr<assistants::Services> m_services;
  // Files and vector stores (mock/files, mock/vector_stores), with their own locks.
  files::FileStore m_file_store;
  vector_stores::VectorStoreStore m_vector_store_store;
  vector_stores::VectorStoreConfig m_vector_store_config;
  std::unique_ptr<files::FileServices> m_file_services;
  std::unique_ptr<vector_stores::VectorStoreServices> m_vector_store_services;
  std::unique_ptr<vector_stores::ToolResourceLinks> m_links;
  // Responses and Conversations (mock/responses), scripted by the same scenario book.
  responses::ResponsesStore m_responses_store;
  responses::ResponsesConfig m_responses_config;
  std::unique_ptr<responses::ResponsesServices> m_responses_services;
  responses::FileSearchBackend m_file_search;
  http::RouteTable m_routes;
  std::unique_ptr<http::HttpServer> m_http;
  std::thread m_thread;
  std::atomic<std::uint64_t> m_request_count{0};
  std::atomic<bool> m_stopping{false};
};

}  // namespace mock
