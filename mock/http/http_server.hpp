#pragma once
// The HTTP front: the only place in mock/ that includes httplib. It turns httplib
// requests into ApiRequest, calls one dispatch function, writes the ApiResponse, and
// sets the limits Debian's cpp-httplib 0.11.4 would otherwise fix at compile time
// (TOOLCHAIN.md: backlog 5, keep-alive 5 requests, 8 threads, unbounded bodies).
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "mock/http/api_message.hpp"

namespace mock::http {

struct HttpServerConfig {
  std::string host = "127.0.0.1";
  int port = 4010;              // 0 binds an ephemeral port
  std::size_t threads = 64;     // worker threads: one per open keep-alive connection
  std::size_t max_body_bytes = 32U * 1024U * 1024U;  // larger bodies get 413 unread
  std::size_t keep_alive_max_requests = 100000;
  int listen_backlog = 4096;
  int read_timeout_seconds = 10;  // slow clients are cut off after this
};

using Dispatch = std::function<ApiResponse(ApiRequest&)>;
using RequestObserver =
    std::function<void(const ApiRequest&, const ApiResponse&, double elapsed_ms)>;

class HttpServer {
public:
  HttpServer(HttpServerConfig config, Dispatch dispatch, RequestObserver observer = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the listening socket; returns the bound port. Throws std::runtime_error on failure.
  int bind();
  // Serves until stop(); binds first if needed. Returns false if the server failed.
  bool listen();
  void stop();
  bool is_running() const;
  int port() const { return m_port; }

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
  int m_port = -1;
};

}  // namespace mock::http
