#pragma once
// The baselines the mock is compared with: a bare cpp-httplib server, and our HTTP front
// alone; both answer a fixed JSON body.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <httplib.h>

#include "http/http_server.hpp"

namespace server_bench {

// A server listening on a thread of its own, the shape both baselines share: construction
// starts `listen` there and waits until `is_running` (throws "<name> did not start" after
// 10 s); destruction calls `stop` and joins the thread.
class ListeningThread {
public:
  ListeningThread(const std::string& name, std::function<void()> listen,
                  const std::function<bool()>& is_running, std::function<void()> stop);
  ~ListeningThread();
  ListeningThread(const ListeningThread&) = delete;
  ListeningThread& operator=(const ListeningThread&) = delete;

private:
  std::function<void()> m_stop;
  std::thread m_thread;
};

// cpp-httplib with the mock's HTTP settings (threads, keep-alive, backlog) and no code of
// ours: routes ".*" to a fixed body.
class BareServer {
public:
  static constexpr std::size_t k_fixed_body_bytes = 400;
  static constexpr std::size_t k_bare_threads = 64;

  explicit BareServer(const mock::http::HttpServerConfig& like);
  BareServer(const BareServer&) = delete;
  BareServer& operator=(const BareServer&) = delete;

  int port() const { return m_port; }

private:
  std::string m_fixed_body;
  httplib::Server m_server;
  int m_port = -1;
  // Set once the server is bound; declared last, so it stops the server before it goes.
  std::optional<ListeningThread> m_listening;
};

// Our HTTP front (mock::http::HttpServer) answering the bare server's fixed body: the cost
// of the front alone, apart from everything the mock does with a request.
class FrontServer {
public:
  explicit FrontServer(const mock::http::HttpServerConfig& like);
  FrontServer(const FrontServer&) = delete;
  FrontServer& operator=(const FrontServer&) = delete;

  int port() const { return m_port; }

private:
  std::string m_fixed_body;
  std::unique_ptr<mock::http::HttpServer> m_server;
  int m_port = -1;
  // Set once the server is bound; declared last, so it stops the server before it goes.
  std::optional<ListeningThread> m_listening;
};

}  // namespace server_bench
