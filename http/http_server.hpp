#pragma once
// The HTTP front: the only place in mock/ that includes httplib. It turns httplib
// requests into ApiRequest, calls one dispatch function, writes the ApiResponse, and
// sets the limits Debian's cpp-httplib 0.11.4 would otherwise fix at compile time
// (TOOLCHAIN.md: backlog 5, keep-alive 5 requests, 8 threads, unbounded bodies), or not
// have at all: a bound on connections, on a request's head and on the time it may take.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "http/api_message.hpp"

namespace mock::http {

struct HttpServerConfig {
  std::string host = "127.0.0.1";
  int port = 4010;  // 0 binds an ephemeral port
  // Connections served at once, each on its own worker thread for its whole life (an SSE
  // stream holds one until it ends). Threads start when a connection needs one and exit
  // after 10 s idle (elastic_pool.hpp), so this is a cap, not a cost: an idle, slow or
  // streaming connection takes a thread, never one of a few. A connection past it waits
  // admission_wait_ms for a slot (idle keep-alive connections give theirs up), then gets 503
  // in the error envelope.
  std::size_t threads = 2048;
  int admission_wait_ms = 250;
  std::size_t max_body_bytes = 32U * 1024U * 1024U;  // larger bodies get 413 unread
  std::size_t max_head_bytes = 64U * 1024U;          // request line and headers; 431 past it
  std::size_t keep_alive_max_requests = 100000;
  int listen_backlog = 4096;
  int read_timeout_seconds = 10;     // a request silent this long is cut off (408)
  int request_timeout_seconds = 30;  // a request's head and body must arrive within this (408)
  int keep_alive_timeout_seconds = 5;  // an idle connection is closed after this
  int write_timeout_seconds = 10;    // a client that reads nothing this long is dropped
};

using Dispatch = std::function<ApiResponse(ApiRequest&)>;
// Called after each answer; the response's body has been handed to the socket by then and
// is empty (status, headers and served_by remain).
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
  // After bind(): the URL clients reach it on, base_url(host, port()).
  std::string base_url() const;
  // After bind(): whether only this machine can connect (the socket is on 127.0.0.0/8 or ::1).
  bool loopback_only() const;
  // Connections being served now (admitted, not yet closed).
  std::size_t open_connections() const;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
  int m_port = -1;
};

// "http://HOST:PORT", the URL serve, record and replay print and write to --port-file. An
// IPv6 address goes in brackets (http://[::1]:4010): RFC 3986 wants them, and Node's fetch
// and curl refuse the address without. A zone (fe80::1%eth0) has its '%' written %25.
std::string base_url(const std::string& host, int port);

// The line serve, record and replay print on stderr when they listen beyond loopback.
std::string exposure_warning(const std::string& host);

}  // namespace mock::http
