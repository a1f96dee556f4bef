#pragma once
// The life of a `serve`, `record` or `replay` process: print `listening on URL` once the
// socket accepts connections, serve until SIGINT or SIGTERM, let the requests in flight
// finish for a bounded grace period, then finish (save the cassette) before exiting.
#include <chrono>
#include <functional>
#include <string>

namespace mock::http {
class HttpServer;
}

namespace mock {

// For servers started on a background thread: returns once `server` accepts connections
// (a stop() before that would be lost). Throws std::runtime_error after 10 s.
void wait_until_running(const http::HttpServer& server);

struct ServeHooks {
  std::function<bool()> serve;   // blocks until stop() and the requests in flight are done; false if serving failed
  std::function<void()> stop;    // stops accepting; idle connections close at once
  std::function<void()> finish;  // after serving; may run on the signal thread; idempotent
  // How long a stop signal lets requests in flight (a recorded stream, a replayed one at
  // --speed 1) run to their end before the process finishes and exits without them.
  std::chrono::milliseconds grace{10'000};
  std::string port_file;  // if set, the URL is also written there (atomically) once listening
};

// Call first, before any thread starts, so every thread inherits the blocked mask and
// only the waiting thread receives the stop signals.
void block_stop_signals();

// Prints "listening on URL" on stdout (and writes the port file), serves, and returns the
// exit status: 0, or 1 if serving failed or the port file cannot be written.
int serve_until_signal(const std::string& url, const ServeHooks& hooks);

}  // namespace mock
