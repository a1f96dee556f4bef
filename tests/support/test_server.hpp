#pragma once
// In-process server for integration tests (../shared/STYLE.md §10): a real MockServer on an
// ephemeral port of 127.0.0.1, started in the constructor and stopped in the destructor.
// Tests never use fixed ports and never reach the network.
#include <string>
#include <utility>

#include "mock/server/mock_server.hpp"
#include "tests/support/api_client.hpp"

namespace tests::support {

// The configuration tests start from: loopback, port 0, a fast run pace.
inline mock::MockServerConfig test_config() {
  mock::MockServerConfig config;
  config.http.host = "127.0.0.1";
  config.http.port = 0;
  config.http.threads = 32;
  config.http.read_timeout_seconds = 5;
  config.run_step_ms = 5;
  config.poll_after_ms = 5;
  return config;
}

class TestServer {
public:
  explicit TestServer(mock::MockServerConfig config = test_config()) : m_server(with_port_zero(std::move(config))) {
    m_server.start();
  }
  ~TestServer() { m_server.stop(); }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  int port() const { return m_server.port(); }
  std::string base_url() const { return m_server.base_url(); }
  mock::MockServer& server() { return m_server; }

  // A new client with the standard test headers (Bearer sk-test, OpenAI-Beta assistants=v2).
  // httplib clients are not thread-safe: give each thread its own.
  ApiClient client() const { return ApiClient("127.0.0.1", port()); }

private:
  static mock::MockServerConfig with_port_zero(mock::MockServerConfig config) {
    config.http.port = 0;
    return config;
  }

  mock::MockServer m_server;
};

}  // namespace tests::support
