#include "recorder/serve_until_signal.hpp"

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "mock/http/http_server.hpp"

namespace recorder {
namespace {
sigset_t stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}
}  // namespace

void wait_until_running(const mock::http::HttpServer& server) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!server.is_running()) {
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("the HTTP server did not start within 10 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void block_stop_signals() {
  const sigset_t signals = stop_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

int serve_until_signal(const std::string& url, const ServeHooks& hooks) {
  // One machine-readable line, so a harness started with --port 0 learns the URL.
  std::printf("listening on %s\n", url.c_str());
  std::fflush(stdout);

  std::atomic<bool> served{false};
  std::thread signal_waiter([&hooks, &served] {
    const sigset_t signals = stop_signals();
    int signal = 0;
    sigwait(&signals, &signal);
    if (served) return;  // woken by the main thread: serving already ended
    hooks.stop();
    // httplib lets an idle keep-alive connection hold its worker for the keep-alive
    // time-out before stop() completes. Nothing is left to answer by then: save and leave.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    if (!served) {
      hooks.finish();
      std::fflush(nullptr);
      std::_Exit(0);
    }
  });
  const bool ok = hooks.serve();
  served = true;
  hooks.finish();
  pthread_kill(signal_waiter.native_handle(), SIGTERM);
  signal_waiter.join();
  return ok ? 0 : 1;
}

}  // namespace recorder
