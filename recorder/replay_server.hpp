#pragma once
// `assistants-mock replay`: serves recorded answers from a cassette file, or from a
// directory of cassettes selected per request (X-Cassette) or per server (admin call).
// Reserved admin routes (everything else is matched against the cassette):
//   GET  /__admin/health              {"status":"ok"}
//   GET  /__admin/cassette            the default cassette and the ones available
//   POST /__admin/cassette {"name"}   sets the default cassette
//   POST /__admin/rewind  [{"name"}]  plays a cassette (default: all) from the start again
//   /__admin/requests, /count, /unmatched, /__admin/metrics   as `serve` answers them
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <tl/expected.hpp>

#include "cassettes/cassette.hpp"
#include "http/http_server.hpp"
#include "observe/observer.hpp"
#include "observe/request_log.hpp"
#include "recorder/cassette_library.hpp"
#include "recorder/matchers.hpp"

namespace recorder {

inline constexpr int k_default_replay_port = 4012;

struct ReplayConfig {
  mock::http::HttpServerConfig http;  // its port defaults to 4010: set http.port
  std::filesystem::path cassette;     // a cassette file or a directory of them
  std::string match_on = std::string(k_default_match_on);
  double speed = 0;                   // recorded timing divided by this; 0: no waiting
  cassettes::RedactionRules redaction;
  LogLine log;     // one line per request, if set (never headers, query or bodies)
  // text: "GET /v1/x -> 200 replayed #3 (0 ms)"; json: serve's request log object, one a line.
  mock::observe::LogFormat log_format = mock::observe::LogFormat::text;
  LogLine notice;
  std::size_t journal_size = mock::observe::Journal::k_default_capacity;  // 0 turns it off
  std::optional<std::string> admin_token;  // /__admin calls need X-Admin-Token: this
};

class ReplayServer {
public:
  static tl::expected<std::unique_ptr<ReplayServer>, std::string> create(ReplayConfig config);
  ~ReplayServer();
  ReplayServer(const ReplayServer&) = delete;
  ReplayServer& operator=(const ReplayServer&) = delete;

  int bind();
  bool serve();
  void start();
  void stop();

  std::string base_url() const;
  std::string summary() const;
  mock::http::ApiResponse handle(mock::http::ApiRequest& request);  // without the network

private:
  ReplayServer(ReplayConfig config, std::unique_ptr<CassetteLibrary> library);
  std::optional<mock::http::ApiResponse> handle_admin(const mock::http::ApiRequest& request);

  ReplayConfig m_config;
  std::unique_ptr<CassetteLibrary> m_library;
  mock::observe::Observer m_observer;
  std::unique_ptr<mock::http::HttpServer> m_http;
  std::thread m_thread;
};

}  // namespace recorder
