#include "recorder/replay_server.hpp"

#include <utility>

#include "cassettes/bounded_json.hpp"
#include "http/admin_access.hpp"
#include "http/api_error.hpp"
#include "http/serve_until_signal.hpp"

namespace recorder {
namespace {
using mock::Json;
using mock::http::ApiError;
using mock::http::ApiResponse;

// {"name": "..."} from an admin call's body; absent when the body is empty.
std::optional<std::string> name_from_body(const std::string& body, bool required) {
  if (body.empty() && !required) return std::nullopt;
  auto parsed = cassettes::parse_json_bounded(body, 8);
  if (!parsed || !parsed->is_object()) throw mock::http::errors::unparseable_json();
  const auto it = parsed->find("name");
  if (it == parsed->end() || !it->is_string()) {
    if (!required && it == parsed->end()) return std::nullopt;
    throw mock::http::errors::invalid_request("Expected a body {\"name\": \"CASSETTE\"}.", "name",
                                              "missing_required_parameter");
  }
  return it->get<std::string>();
}

}  // namespace

tl::expected<std::unique_ptr<ReplayServer>, std::string> ReplayServer::create(ReplayConfig config) {
  auto matchers = parse_match_on(config.match_on);
  if (!matchers) return tl::unexpected("--match-on: " + matchers.error());
  if (!(config.speed >= 0)) return tl::unexpected(std::string("--speed: must be 0 (no delays) or more"));
  if (auto check = Redactor::create(config.redaction); !check) return tl::unexpected(check.error());
  // In JSON the observer writes the line (serve's shape); in text the proxies do, saying what they did.
  const bool json_log = config.log_format == mock::observe::LogFormat::json;
  ReplaySettings settings{std::move(*matchers), config.speed, config.redaction, json_log ? LogLine() : config.log,
                          config.notice};
  auto library = CassetteLibrary::open(config.cassette, std::move(settings));
  if (!library) return tl::unexpected("--cassette: " + library.error());
  return std::unique_ptr<ReplayServer>(new ReplayServer(std::move(config), std::move(*library)));
}

ReplayServer::ReplayServer(ReplayConfig config, std::unique_ptr<CassetteLibrary> library)
    : m_config(std::move(config)), m_library(std::move(library)), m_observer(m_config.journal_size) {
  if (m_config.log_format == mock::observe::LogFormat::json && m_config.log) {
    m_observer.log_requests(mock::observe::LogFormat::json, m_config.log);
  }
  m_http = std::make_unique<mock::http::HttpServer>(
      m_config.http, [this](mock::http::ApiRequest& request) { return handle(request); },
      [this](const mock::http::ApiRequest& request, const ApiResponse& response, double ms) {
        m_observer.observe(request, response, ms);
      });
}

ReplayServer::~ReplayServer() { stop(); }

std::optional<ApiResponse> ReplayServer::handle_admin(const mock::http::ApiRequest& request) {
  const std::string& path = request.path;
  if (path == "/__admin/cassette" && request.method == "GET") {
    const auto chosen = m_library->default_name();
    return ApiResponse::json(Json{{"default", chosen ? Json(*chosen) : Json(nullptr)},
                                  {"directory", m_library->is_directory()},
                                  {"cassettes", m_library->names()}});
  }
  if (path == "/__admin/cassette" && request.method == "POST") {
    const std::string name = *name_from_body(request.body, /*required=*/true);
    if (auto selected = m_library->select_default(name); !selected) throw selected.error();
    return ApiResponse::json(Json{{"default", name}});
  }
  if (path == "/__admin/rewind" && request.method == "POST") {
    std::optional<std::string> name = name_from_body(request.body, /*required=*/false);
    if (!name) name = request.header("x-cassette");
    if (auto rewound = m_library->rewind(name); !rewound) throw rewound.error();
    return ApiResponse::json(Json{{"rewound", name ? Json(*name) : Json("all")}});
  }
  return std::nullopt;
}

ApiResponse ReplayServer::handle(mock::http::ApiRequest& request) {
  if (request.path.starts_with("/__admin/")) {
    try {
      mock::http::check_admin_request(request, m_config.admin_token, m_http->loopback_only());
    } catch (const ApiError& error) {
      ApiResponse refused = error.to_response();
      refused.served_by = "admin.refused";
      return refused;
    }
  }
  if (auto observed = m_observer.handle_admin(request)) return std::move(*observed);
  if (auto admin = handle_admin(request)) {
    admin->served_by = "admin.replay";
    return std::move(*admin);
  }
  try {
    auto session = m_library->session_for(request.header("x-cassette"));
    if (!session) throw session.error();
    return (*session)->proxy->handle(request);
  } catch (const ApiError& error) {
    // Nothing served it (no such cassette, or no recording matches): the journal keeps why.
    ApiResponse response = error.to_response();
    response.near_miss = error.what();
    return response;
  }
}

int ReplayServer::bind() {
  const int port = m_http->bind();
  if (!m_http->loopback_only() && m_config.notice) m_config.notice(mock::http::exposure_warning(m_config.http.host));
  return port;
}

bool ReplayServer::serve() { return m_http->listen(); }

void ReplayServer::start() {
  bind();
  m_thread = std::thread([this] { m_http->listen(); });
  mock::wait_until_running(*m_http);
}

void ReplayServer::stop() {
  m_http->stop();
  if (m_thread.joinable()) m_thread.join();
}

std::string ReplayServer::base_url() const { return m_http->base_url(); }

std::string ReplayServer::summary() const {
  std::string out = "replaying ";
  out += m_library->is_directory() ? "the cassettes in " + m_library->location().string() + " (select with X-Cassette)"
                                   : m_library->location().string();
  out += m_config.speed > 0 ? ", recorded timing / " + std::to_string(m_config.speed) : ", no delays";
  return out;
}

}  // namespace recorder
