#include "mock/server/mock_server.hpp"

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <stdexcept>

#include "http/admin_access.hpp"
#include "http/api_error.hpp"
#include "mock/assistants/routes.hpp"
#include "mock/assistants/state_dump.hpp"
#include "mock/files/file_routes.hpp"
#include "mock/responses/lifecycle.hpp"
#include "mock/responses/routes.hpp"
#include "mock/responses/state_dump.hpp"
#include "mock/vector_stores/file_search.hpp"
#include "mock/vector_stores/ingestion.hpp"
#include "mock/vector_stores/routes.hpp"
#include "mock/vector_stores/state_dump.hpp"
#include "mock/as_of/as_of_admin_routes.hpp"
#include "mock/as_of/date_gate.hpp"
#include "observe/observe_routes.hpp"

#include <algorithm>
#include <map>

namespace mock {
namespace {
// Runs by status, for the metrics page.
std::string run_status_gauges(assistants::AssistantsStore& store) {
  std::map<std::string, std::uint64_t> counts;
  store.for_each_thread([&](const assistants::Thread& thread) {
    thread.runs.for_each([&](const assistants::Run& run) {
      ++counts[std::string(assistants::to_string(run.status))];
    });
  });
  std::string out =
      "# HELP assistants_mock_runs Runs held by the mock, by status.\n"
      "# TYPE assistants_mock_runs gauge\n";
  for (const auto& [status, count] : counts) {
    out += "assistants_mock_runs{status=\"" + status + "\"} " + std::to_string(count) + "\n";
  }
  return out;
}

// Stored responses by status, every status listed (zero included).
std::string response_status_gauges(responses::ResponsesServices& services) {
  std::string out =
      "# HELP assistants_mock_responses Stored responses held by the mock, by status.\n"
      "# TYPE assistants_mock_responses gauge\n";
  for (const auto& [status, count] : responses::count_by_status(services)) {
    out += "assistants_mock_responses{status=\"" + std::string(responses::to_string(status)) + "\"} " +
           std::to_string(count) + "\n";
  }
  return out;
}
}  // namespace

MockServer::MockServer(MockServerConfig config)
    : m_config(std::move(config)),
      m_clock(m_config.manual_clock
                  ? std::unique_ptr<core::Clock>(
                        std::make_unique<core::ManualClock>(m_config.manual_clock_start_ms))
                  : std::make_unique<core::SystemClock>()),
      m_ids(m_config.seed),
      m_journal(m_config.journal_size),
      m_stream_slots(m_config.max_streams.value_or(std::max<std::size_t>(1, m_config.http.threads * 3 / 4))),
      m_as_of(m_config.as_of),
      m_file_store(m_config.file_limits) {
  m_assistants_config.api_key = m_config.api_key;
  m_assistants_config.poll_after_ms = m_config.poll_after_ms;
  m_run_driver = std::make_unique<assistants::RunDriver>(
      m_ids, assistants::RunPace{m_config.run_step_ms});
  m_services = std::make_unique<assistants::Services>(assistants::Services{
      m_store, *m_clock, m_ids, *m_run_driver, m_scenarios, m_assistants_config, m_stopping});
  if (m_config.scenario) m_scenarios.load(*m_config.scenario);
  assistants::register_routes(m_routes, *m_services);
  wire_files_and_vector_stores();
  m_responses_config = {m_config.api_key, m_config.run_step_ms};
  m_responses_services = std::make_unique<responses::ResponsesServices>(responses::ResponsesServices{
      m_responses_store, *m_clock, m_ids, m_scenarios, m_responses_config, m_stopping});
  m_file_search = {
      [this](const std::string& id) { vector_stores::require_vector_store(*m_vector_store_services, id); },
      [this](const Json& ids, const std::string& query, std::size_t max_results) {
        return vector_stores::search_vector_stores(*m_vector_store_services, ids, query, max_results);
      }};
  m_responses_services->file_search = &m_file_search;
  responses::register_routes(m_routes, *m_responses_services);
  m_admin = std::make_unique<admin::AdminContext>(
      admin::AdminContext{*m_services, m_faults, [this] { reset(); }});
  admin::register_admin_routes(m_routes, *m_admin);
  as_of::register_as_of_routes(m_routes, m_as_of);
  observe::register_observe_routes(m_routes, m_journal, m_metrics);
  m_metrics.set_journal_dropped([this] { return m_journal.dropped(); });
  m_metrics.add_source([this] { return run_status_gauges(m_store); });
  m_metrics.add_source([this] { return response_status_gauges(*m_responses_services); });

  m_http = std::make_unique<http::HttpServer>(
      m_config.http, [this](http::ApiRequest& request) { return handle(request); },
      [this](const http::ApiRequest& request, const http::ApiResponse& response, double ms) {
        observe_request(request, response, ms);
      });
}

MockServer::~MockServer() { stop(); }

http::ApiResponse MockServer::handle(http::ApiRequest& request) {
  // req_ + 32 hex digits, as the service's ids look; formatted by hand (snprintf was a
  // visible share of a request's cost).
  std::string request_id = "req_00000000000000000000000000000000";
  for (std::uint64_t n = ++m_request_count, i = request_id.size(); n != 0 && i > 4; n >>= 4U) {
    request_id[--i] = "0123456789abcdef"[n & 0xFU];
  }
  http::ApiResponse response;
  std::string route_name;
  try {
    apply_date_gate(request);
    const http::Route& route = m_routes.match(request);
    route_name = route.name;
    if (request.path.starts_with("/__admin/")) {
      http::check_admin_request(request, m_config.admin_token, m_http->loopback_only());
    }
    // Injected faults stand in for the API, never for the admin API that set them.
    std::optional<http::ApiResponse> fault;
    if (request.path.starts_with("/v1/")) fault = m_faults.take(request);
    if (fault) {
      response = std::move(*fault);
    } else if (route.streaming == http::Streaming::may_stream) {
      // The handler claims the slot after reading the request and before creating
      // anything, so a refused stream leaves no run behind.
      std::shared_ptr<void> slot;
      request.claim_stream = [this, &slot] {
        slot = m_stream_slots.try_take();
        if (!slot) throw m_stream_slots.refusal();
      };
      response = route.handler(request);
      if (response.stream) {
        response.stream = [slot, producer = std::move(response.stream)](http::StreamSink& sink) { producer(sink); };
      }
    } else {
      response = route.handler(request);
    }
  } catch (const http::ApiError& error) {
    response = error.to_response();
    if (route_name.empty()) response.near_miss = error.what();  // no route took it
  }
  if (response.served_by.empty()) response.served_by = route_name;
  if (response.stream) response.stream = m_metrics.track_stream(std::move(response.stream));
  response.headers.emplace("x-request-id", std::move(request_id));
  response.finalize();  // outside every lock the handler took
  return response;
}

void MockServer::apply_date_gate(http::ApiRequest& request) const {
  const auto date = m_as_of.get();
  if (!date || !request.path.starts_with("/v1/")) return;
  request.as_of = timeline::to_string(*date);  // the v1 renderers show that date's fields
  if (auto refusal = as_of::refusal_on(request, *date, m_config.api_key)) throw std::move(*refusal);
}

void MockServer::observe_request(const http::ApiRequest& request,
                                 const http::ApiResponse& response, double elapsed_ms) {
  m_metrics.observe(response, elapsed_ms);
  // The admin API's own calls would only clutter what a test verifies.
  if (!request.path.starts_with("/__admin/")) {
    m_journal.record(request, response, elapsed_ms, m_clock->now_ms());
  }
  if (m_config.log_requests) {
    std::fprintf(stderr, "%s\n",
                 observe::format_request_line(m_config.log_format, request, response, elapsed_ms,
                                              m_clock->now_ms())
                     .c_str());
  }
}

void MockServer::wire_files_and_vector_stores() {
  m_vector_store_config = {m_config.api_key, m_config.poll_after_ms, m_config.run_step_ms};
  m_vector_store_services = std::make_unique<vector_stores::VectorStoreServices>(
      vector_stores::VectorStoreServices{m_vector_store_store, m_file_store, *m_clock, m_ids,
                                         m_vector_store_config});
  m_file_services = std::make_unique<files::FileServices>(files::FileServices{
      m_file_store, *m_clock, m_ids, m_config.api_key, [this](const std::string& file_id) {
        // A deleted File leaves every vector store (FACTS.md §9.8).
        m_vector_store_store.with_state([&](vector_stores::VectorStoresState& state) {
          vector_stores::forget_file(state, file_id);
        });
      }});
  m_links = std::make_unique<vector_stores::ToolResourceLinks>(*m_vector_store_services);
  m_services->links = m_links.get();
  files::register_file_routes(m_routes, *m_file_services);
  vector_stores::register_vector_store_routes(m_routes, *m_vector_store_services);
  // Answers before the admin table's own entry (the first registered route wins): the
  // Assistants state plus files and vector stores.
  m_routes.add("GET", "/__admin/state", "admin.state", [this](http::ApiRequest&) {
    Json state = assistants::dump_state(*m_services);
    Json files_state = vector_stores::dump_files_state(*m_vector_store_services);
    for (auto& [key, value] : files_state.items()) state[key] = std::move(value);
    Json responses_state = responses::dump_state(*m_responses_services);
    for (auto& [key, value] : responses_state.items()) state[key] = std::move(value);
    return http::ApiResponse::json(state);
  });
}

void MockServer::reset() {
  m_store.reset();
  m_vector_store_store.reset();
  m_file_store.reset();
  m_responses_store.reset();
  m_ids.reset();
  m_scenarios.reset_counts();
  m_faults.clear();
  m_journal.clear();
}

int MockServer::bind() { return m_http->bind(); }

bool MockServer::serve() { return m_http->listen(); }

void MockServer::start() {
  bind();
  m_thread = std::thread([this] { m_http->listen(); });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!m_http->is_running()) {
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("the HTTP server did not start within 10 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void MockServer::stop() {
  m_stopping = true;
  m_http->stop();
  if (m_thread.joinable()) m_thread.join();
}

std::string MockServer::base_url() const { return m_http->base_url(); }

}  // namespace mock
