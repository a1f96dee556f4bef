#pragma once
// The life of a `record` or `replay` process: print `listening on URL` once the socket
// accepts connections, serve until SIGINT or SIGTERM, then finish (save the cassette)
// before exiting, even when idle keep-alive connections would hold the server open.
#include <functional>
#include <string>

namespace mock::http {
class HttpServer;
}

namespace recorder {

// For servers started on a background thread: returns once `server` accepts connections
// (a stop() before that would be lost). Throws std::runtime_error after 10 s.
void wait_until_running(const mock::http::HttpServer& server);

struct ServeHooks {
  std::function<bool()> serve;   // blocks until stop(); false if serving failed
  std::function<void()> stop;
  std::function<void()> finish;  // after serving; may run on the signal thread; idempotent
};

// Call first, before any thread starts, so every thread inherits the blocked mask and
// only the waiting thread receives the stop signals.
void block_stop_signals();

// Prints "listening on URL" on stdout, serves, and returns the exit status (0 or 1).
int serve_until_signal(const std::string& url, const ServeHooks& hooks);

}  // namespace recorder
