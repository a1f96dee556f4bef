#pragma once
// The Assistants routes wired to fakes (a ManualClock, a seeded IdGenerator), for unit
// tests of routes and handlers without sockets or real time. call() takes the path the
// MockServer takes: route match, handler, ApiError -> envelope.
#include <atomic>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "http/api_error.hpp"
#include "http/json.hpp"
#include "http/route_table.hpp"
#include "mock/assistants/routes.hpp"
#include "mock/assistants/services.hpp"
#include "mock/core/clock.hpp"
#include "mock/core/id_generator.hpp"

namespace tests::support {

// 2023-11-14T22:13:20Z, a whole second, so created_at = k_start_ms / 1000 exactly.
constexpr std::int64_t k_start_ms = 1'700'000'000'000;

struct HarnessResult {
  int status = 0;
  mock::Json json;
  mock::http::Headers headers;
  std::string route;  // name of the route that matched ("" when none did)

  const mock::Json& error() const { return json.at("error"); }
  std::string id() const { return json.value("id", std::string()); }
  std::optional<std::string> header(const std::string& name) const {
    const auto it = headers.find(name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
  }
};

class AssistantsHarness {
public:
  explicit AssistantsHarness(std::int64_t run_step_ms = 1000, std::uint64_t seed = 42)
      : m_ids(seed), m_driver(m_ids, mock::assistants::RunPace{run_step_ms}) {
    mock::assistants::register_routes(m_routes, m_services);
  }
  AssistantsHarness(const AssistantsHarness&) = delete;
  AssistantsHarness& operator=(const AssistantsHarness&) = delete;

  // Sends one request with `Authorization: Bearer sk-test` and `OpenAI-Beta: assistants=v2`
  // unless `raw_headers` is given, in which case exactly those headers are sent.
  HarnessResult call(const std::string& method, const std::string& path_and_query,
                     const std::optional<mock::Json>& body = std::nullopt,
                     std::optional<mock::http::Headers> raw_headers = std::nullopt) {
    mock::http::ApiRequest request;
    request.method = method;
    const auto question = path_and_query.find('?');
    request.path = path_and_query.substr(0, question);
    if (question != std::string::npos) add_query(request, path_and_query.substr(question + 1));
    if (raw_headers) {
      request.headers = std::move(*raw_headers);
    } else {
      request.headers.emplace("Authorization", "Bearer sk-test");
      request.headers.emplace("OpenAI-Beta", "assistants=v2");
    }
    if (body) request.body = body->dump();
    return dispatch(request);
  }
  HarnessResult call_raw_body(const std::string& method, const std::string& path,
                              std::string body) {
    mock::http::ApiRequest request;
    request.method = method;
    request.path = path;
    request.headers.emplace("Authorization", "Bearer sk-test");
    request.headers.emplace("OpenAI-Beta", "assistants=v2");
    request.body = std::move(body);
    return dispatch(request);
  }

  HarnessResult get(const std::string& path) { return call("GET", path); }
  HarnessResult post(const std::string& path, const mock::Json& body = mock::Json::object()) {
    return call("POST", path, body);
  }
  HarnessResult del(const std::string& path) { return call("DELETE", path); }

  // Shortcuts that fail loudly when the setup call does not succeed.
  std::string create_assistant(const mock::Json& body = mock::Json{{"model", "gpt-4o"}}) {
    return expect_ok(post("/v1/assistants", body)).id();
  }
  std::string create_thread(const mock::Json& body = mock::Json::object()) {
    return expect_ok(post("/v1/threads", body)).id();
  }
  std::string add_message(const std::string& thread_id, const std::string& text) {
    return expect_ok(post("/v1/threads/" + thread_id + "/messages",
                          mock::Json{{"role", "user"}, {"content", text}}))
        .id();
  }

  void advance_ms(std::int64_t delta_ms) { m_clock.advance_ms(delta_ms); }
  mock::core::ManualClock& clock() { return m_clock; }
  mock::assistants::Services& services() { return m_services; }
  mock::assistants::AssistantsConfig& config() { return m_config; }
  mock::scenario::ScenarioBook& scenarios() { return m_scenarios; }
  mock::http::RouteTable& routes() { return m_routes; }

  static HarnessResult expect_ok(HarnessResult result) {
    if (result.status != 200) {
      throw std::runtime_error("setup call failed: " + std::to_string(result.status) + " " +
                               result.json.dump());
    }
    return result;
  }

private:
  static void add_query(mock::http::ApiRequest& request, const std::string& query) {
    std::size_t start = 0;
    while (start <= query.size()) {
      const auto amp = query.find('&', start);
      const std::string item = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
      if (!item.empty()) {
        const auto eq = item.find('=');
        request.query.emplace_back(item.substr(0, eq),
                                   eq == std::string::npos ? "" : item.substr(eq + 1));
      }
      if (amp == std::string::npos) break;
      start = amp + 1;
    }
  }

  HarnessResult dispatch(mock::http::ApiRequest& request) {
    HarnessResult out;
    mock::http::ApiResponse response;
    try {
      const mock::http::Route& route = m_routes.match(request);
      out.route = route.name;
      response = route.handler(request);
    } catch (const mock::http::ApiError& error) {
      response = error.to_response();
    } catch (const std::exception& error) {  // the HTTP front turns these into 500s too
      response = mock::http::errors::internal(error.what()).to_response();
    }
    response.finalize();  // JSON answers are serialised after the handler returns
    out.status = response.status;
    out.headers = response.headers;
    out.json = mock::Json::parse(response.body);
    return out;
  }

  mock::core::ManualClock m_clock{k_start_ms};
  mock::core::IdGenerator m_ids;
  mock::assistants::AssistantsStore m_store;
  mock::assistants::AssistantsConfig m_config;
  mock::assistants::RunDriver m_driver;
  mock::scenario::ScenarioBook m_scenarios;
  std::atomic<bool> m_stopping{false};
  mock::assistants::Services m_services{m_store,     m_clock,  m_ids,     m_driver,
                                        m_scenarios, m_config, m_stopping};
  mock::http::RouteTable m_routes;
};

}  // namespace tests::support
