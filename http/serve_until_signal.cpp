#include "http/serve_until_signal.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "http/http_server.hpp"

namespace mock {
namespace {
sigset_t stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

// Set by the main thread once serve() has returned; the signal thread waits on it.
class ServingEnded {
public:
  void mark() {
    const std::lock_guard lock(m_mutex);
    m_ended = true;
    m_changed.notify_all();
  }
  bool wait_for(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, timeout, [this] { return m_ended; });
  }
  bool ended() {
    const std::lock_guard lock(m_mutex);
    return m_ended;
  }

private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  bool m_ended = false;
};

// Written to a temporary name and renamed, so a harness polling for the file never reads
// half a URL. Returns why it could not be written (the system's words), or "".
std::string write_port_file(const std::string& path, const std::string& url) {
  const std::string temporary = path + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return std::strerror(errno);
  const std::string line = url + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  const int write_error = errno;
  ::close(fd);
  if (!written || std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = written ? errno : write_error;
    ::unlink(temporary.c_str());
    return std::strerror(error);
  }
  return "";
}
}  // namespace

void wait_until_running(const http::HttpServer& server) {
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
  // The file first: a harness that reads the line may look for the file next.
  if (!hooks.port_file.empty()) {
    if (const std::string why = write_port_file(hooks.port_file, url); !why.empty()) {
      std::fprintf(stderr, "assistants-mock: cannot write --port-file %s: %s\n", hooks.port_file.c_str(), why.c_str());
      return 1;
    }
  }
  // One machine-readable line, so a harness started with --port 0 learns the URL.
  std::printf("listening on %s\n", url.c_str());
  std::fflush(stdout);

  ServingEnded serving_ended;
  std::thread signal_waiter([&hooks, &serving_ended] {
    const sigset_t signals = stop_signals();
    int signal = 0;
    sigwait(&signals, &signal);
    if (serving_ended.ended()) return;  // woken by the main thread: serving already ended
    hooks.stop();
    // Idle connections close within a few milliseconds of stop(); a request in flight (a
    // stream being recorded) holds serve() until it ends. Past the grace period, save what
    // is complete and leave without it.
    if (!serving_ended.wait_for(hooks.grace)) {
      hooks.finish();
      std::fflush(nullptr);
      std::_Exit(0);
    }
  });
  const bool ok = hooks.serve();
  serving_ended.mark();
  hooks.finish();
  pthread_kill(signal_waiter.native_handle(), SIGTERM);
  signal_waiter.join();
  return ok ? 0 : 1;
}

}  // namespace mock
