#pragma once
// A MockServer in-process on an ephemeral port of 127.0.0.1 (../shared/STYLE.md §10),
// started in the constructor and stopped in the destructor.
#include <memory>

#include "mock/server/mock_server.hpp"

namespace contracts::testing {

class RunningMock {
public:
  // manual_clock: time moves only through POST /__admin/clock/advance (expiry tests).
  explicit RunningMock(bool manual_clock = false) {
    mock::MockServerConfig config;
    config.http.host = "127.0.0.1";
    config.http.port = 0;
    config.http.threads = 16;
    config.seed = 7;
    config.run_step_ms = 2;
    config.poll_after_ms = 2;
    config.manual_clock = manual_clock;
    m_server = std::make_unique<mock::MockServer>(config);
    m_server->start();
  }
  ~RunningMock() { m_server->stop(); }
  RunningMock(const RunningMock&) = delete;
  RunningMock& operator=(const RunningMock&) = delete;

  int port() const { return m_server->port(); }

private:
  std::unique_ptr<mock::MockServer> m_server;
};

}  // namespace contracts::testing
