#pragma once
// A tiny upstream for what the mock does not do (echo what arrived, stall, stream on cue):
// our own HTTP front with a test-supplied dispatch function, on an ephemeral port.
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "http/http_server.hpp"
#include "http/serve_until_signal.hpp"

namespace recorder_tests {

class FakeUpstream {
public:
  explicit FakeUpstream(mock::http::Dispatch dispatch) {
    mock::http::HttpServerConfig config;
    config.host = "127.0.0.1";
    config.port = 0;
    config.threads = 16;
    config.read_timeout_seconds = 5;
    m_server = std::make_unique<mock::http::HttpServer>(config, std::move(dispatch));
    m_server->bind();
    m_thread = std::thread([this] { m_server->listen(); });
    mock::wait_until_running(*m_server);
  }
  ~FakeUpstream() { stop(); }
  FakeUpstream(const FakeUpstream&) = delete;
  FakeUpstream& operator=(const FakeUpstream&) = delete;

  void stop() {
    m_server->stop();
    if (m_thread.joinable()) m_thread.join();
  }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(m_server->port()); }

private:
  std::unique_ptr<mock::http::HttpServer> m_server;
  std::thread m_thread;
};

}  // namespace recorder_tests
