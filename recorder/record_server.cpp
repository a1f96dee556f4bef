#include "recorder/record_server.hpp"

#include <algorithm>
#include <system_error>
#include <utility>

#include "cassettes/cassette_file.hpp"
#include "http/admin_access.hpp"
#include "http/api_error.hpp"
#include "http/serve_until_signal.hpp"
#include "observe/observer.hpp"
#include "recorder/curl_upstream.hpp"
#include "recorder/proxy.hpp"
#include "recorder/recording.hpp"

#ifndef AM_VERSION
#define AM_VERSION "0.0.0"
#endif

namespace recorder {
namespace {

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const std::string& item : from) {
    if (std::find(to.begin(), to.end(), item) == to.end()) to.push_back(item);
  }
}

}  // namespace

struct RecordServer::Parts {
  RecordConfig config;
  bool cassette_existed = false;
  std::unique_ptr<Upstream> upstream;
  std::shared_ptr<Recording> recording;
  std::unique_ptr<Proxy> proxy;
  std::unique_ptr<mock::observe::Observer> observer;
  std::unique_ptr<mock::http::HttpServer> http;
  std::string summary;
};

tl::expected<std::unique_ptr<RecordServer>, std::string> RecordServer::create(RecordConfig config) {
  auto parts = std::make_unique<Parts>();
  auto matchers = parse_match_on(config.match_on);
  if (!matchers) return tl::unexpected("--match-on: " + matchers.error());
  if (config.cassette.empty()) return tl::unexpected(std::string("--cassette: a path is required"));

  std::error_code ignored;
  parts->cassette_existed = std::filesystem::exists(config.cassette, ignored);
  const RecordMode mode = config.mode;
  cassettes::Cassette existing;
  if (parts->cassette_existed) {
    if (std::filesystem::is_directory(config.cassette, ignored)) {
      return tl::unexpected("--cassette " + config.cassette.string() + " is a directory; record into a file");
    }
    auto loaded = cassettes::load_cassette(config.cassette);
    if (!loaded) return tl::unexpected("cannot use the cassette: " + loaded.error().message);
    if (config.notice) {
      for (const std::string& warning : loaded->warnings) config.notice(warning);
    }
    existing = std::move(loaded->cassette);
  } else if (mode == RecordMode::none) {
    return tl::unexpected("mode none only replays, and there is no cassette at " + config.cassette.string());
  }
  const bool keep_existing = parts->cassette_existed && mode != RecordMode::all;

  // Rules the cassette was recorded with stay in force for what is matched and added.
  cassettes::RedactionRules rules = keep_existing ? existing.meta.redaction : cassettes::RedactionRules{};
  add_unique(rules.headers, config.redaction.headers);
  add_unique(rules.json_paths, config.redaction.json_paths);
  auto redactor = Redactor::create(rules);
  if (!redactor) return tl::unexpected("--redact-json-path: " + redactor.error());
  auto shared_redactor = std::make_shared<const Redactor>(std::move(*redactor));

  Proxy::Parts proxy;
  proxy.mode = mode;
  proxy.cassette_existed = parts->cassette_existed;
  proxy.redactor = shared_redactor;
  proxy.cassette_label = config.cassette.string();
  // In JSON the observer writes the line (serve's shape); in text the proxy does, saying what it did.
  const bool json_log = config.log_format == mock::observe::LogFormat::json;
  if (!json_log) proxy.log = config.log;
  proxy.replayer = std::make_shared<Replayer>(
      std::make_shared<const cassettes::Cassette>(keep_existing ? existing : cassettes::Cassette{}), std::move(*matchers),
      0.0);

  std::string display_upstream = url_without_credentials(config.upstream);
  if (may_record(mode, parts->cassette_existed)) {
    auto upstream =
        make_curl_upstream({config.upstream, config.connect_timeout_ms, config.timeout_ms, config.ca_file});
    // The message names the flag when it is not about the URL.
    if (!upstream) {
      return tl::unexpected(upstream.error().starts_with("--") ? upstream.error() : "--upstream: " + upstream.error());
    }
    parts->upstream = std::move(*upstream);
    display_upstream = parts->upstream->display_url();

    cassettes::Cassette initial;
    if (keep_existing) {
      initial = std::move(existing);
    } else {
      initial.meta.tool = std::string("assistants-mock ") + AM_VERSION;
      initial.meta.recorded_at = cassettes::utc_timestamp_now();
      initial.meta.upstream = display_upstream;
    }
    initial.meta.redaction = rules;
    parts->recording = std::make_shared<Recording>(config.cassette, std::move(initial), shared_redactor, config.notice);
    std::shared_ptr<Recording> recording = parts->recording;
    proxy.forwarder = std::make_shared<const Forwarder>(
        *parts->upstream,
        [recording](cassettes::Interaction interaction) -> tl::expected<void, std::string> {
          if (auto kept = recording->record(std::move(interaction)); !kept) return tl::unexpected(kept.error().message);
          return {};
        },
        config.notice);
  }

  const std::string path = config.cassette.string();
  if (!may_record(mode, parts->cassette_existed)) {
    parts->summary = "replaying " + path + " (mode " + std::string(to_string(mode)) +
                     ": the cassette exists, nothing is forwarded; --mode all re-records it)";
  } else if (mode == RecordMode::new_episodes && parts->cassette_existed) {
    parts->summary = "replaying " + path + " where it matches and recording the rest from " + display_upstream +
                     " (mode new_episodes)";
  } else {
    parts->summary = "recording " + display_upstream + " into " + path + " (mode " + std::string(to_string(mode)) +
                     (parts->cassette_existed ? ": the old interactions are replaced)" : ": a new cassette)");
  }

  parts->proxy = std::make_unique<Proxy>(std::move(proxy));
  parts->config = std::move(config);
  parts->observer = std::make_unique<mock::observe::Observer>(parts->config.journal_size);
  if (json_log && parts->config.log) parts->observer->log_requests(mock::observe::LogFormat::json, parts->config.log);
  const Proxy* handler = parts->proxy.get();
  mock::observe::Observer* observer = parts->observer.get();
  Parts* gate = parts.get();
  parts->http = std::make_unique<mock::http::HttpServer>(
      parts->config.http,
      [handler, observer, gate](mock::http::ApiRequest& request) {
        try {
          // Every /__admin call, those the observer answers and those the proxy forwards alike.
          if (request.path.starts_with("/__admin/")) {
            mock::http::check_admin_request(request, gate->config.admin_token, gate->http->loopback_only());
          }
        } catch (const mock::http::ApiError& error) {
          mock::http::ApiResponse refused = error.to_response();
          refused.served_by = "admin.refused";
          return refused;
        }
        if (auto observed = observer->handle_admin(request)) return std::move(*observed);
        try {
          return handler->handle(request);
        } catch (const mock::http::ApiError& error) {
          mock::http::ApiResponse response = error.to_response();
          // A refused miss was served by nothing (the proxy labels its upstream failures).
          if (error.code() == "cassette_miss") {
            response.near_miss = error.what();
          } else {
            response.served_by = "upstream failed";
          }
          return response;
        }
      },
      [observer](const mock::http::ApiRequest& request, const mock::http::ApiResponse& response, double ms) {
        observer->observe(request, response, ms);
      });
  return std::unique_ptr<RecordServer>(new RecordServer(std::move(parts)));
}

RecordServer::RecordServer(std::unique_ptr<Parts> parts) : m_parts(std::move(parts)) {}

RecordServer::~RecordServer() {
  stop();
  (void)finish();
}

int RecordServer::bind() {
  const int port = m_parts->http->bind();
  // Forwarded requests carry the client's own key upstream: say so loudly when others can send them.
  if (!m_parts->http->loopback_only() && m_parts->config.notice) {
    m_parts->config.notice(mock::http::exposure_warning(m_parts->config.http.host));
  }
  return port;
}

bool RecordServer::serve() { return m_parts->http->listen(); }

void RecordServer::start() {
  bind();
  m_thread = std::thread([this] { m_parts->http->listen(); });
  mock::wait_until_running(*m_parts->http);
}

void RecordServer::stop() {
  m_parts->http->stop();
  if (m_thread.joinable()) m_thread.join();
}

tl::expected<void, cassettes::CassetteError> RecordServer::finish() {
  if (!m_parts->recording) return {};
  return m_parts->recording->finish();
}

std::string RecordServer::base_url() const { return m_parts->http->base_url(); }

std::string RecordServer::summary() const { return m_parts->summary; }

std::size_t RecordServer::recorded() const { return m_parts->recording ? m_parts->recording->recorded() : 0; }

}  // namespace recorder
