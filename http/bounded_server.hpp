#pragma once
// httplib's Server with our own connection loop (http_server.cpp builds the HttpServer around
// it): admission through the connection gate, reads through a budget, idle connections that
// notice stop() and newcomers, the 503 and 4xx answers written when httplib cannot write them.
#include <chrono>
#include <functional>
#include <string>

#include <httplib.h>

#include "http/connection_gate.hpp"
#include "http/http_server.hpp"
#include "http/httplib_streams.hpp"
#include "http/read_budget.hpp"

namespace mock::http {

// One accepted connection, as the worker serving it and the handlers it calls see it.
struct Connection {
  Connection(int socket_fd, const ReadLimits& limits, std::chrono::milliseconds write_timeout, std::function<bool()> stopping)
      : fd(socket_fd), budget(limits), stream(socket_fd, budget, write_timeout, std::move(stopping)) {}
  int fd;
  ReadBudget budget;
  SocketStream stream;
  bool over_capacity = false;  // answer 503 whatever it asks
  bool dispatched = false;     // the dispatcher answered the current request
  std::string framing_problem;
};

// The connection the calling worker is serving, or null (httplib calls our handlers with no
// way to pass it along: the worker keeps it while httplib processes one of its requests).
Connection* current_connection();
// True while prime_parser() runs: its request is not a client's, nothing may answer or log it.
bool priming_parser();

class BoundedServer final : public httplib::Server {
public:
  explicit BoundedServer(const HttpServerConfig& config);

  const ConnectionGate& gate() const { return m_gate; }

  // httplib 0.11.4 builds function-local statics in its request parser (the set of method
  // names) on the first request it parses, on whichever worker gets it. The library is not
  // built with ThreadSanitizer, which therefore cannot see the guard that orders that build
  // before other workers read it, and reports a race that is not one. Parsing one request
  // line here, once per process and before any worker exists, builds them where every
  // worker's start is ordered after it.
  void prime_parser();

private:
  enum class Ending { quietly, lingering };

  // httplib declares this private and virtual; overriding it is how a subclass takes over a
  // connection. process_request, which parses and routes one request, is protected.
  bool process_and_close_socket(socket_t sock) override;
  Ending serve(Connection& connection);
  void answer_over_capacity(Connection& connection);
  // Waits for the first byte of the next request. False: close (idle too long, the server
  // stops, or, after a first request, a newcomer waits for this connection's slot).
  bool wait_for_request(Connection& connection, bool may_yield);
  bool serve_one(Connection& connection, bool close_connection, bool& closed);
  bool stopping() const { return svr_sock_ == INVALID_SOCKET; }
  std::chrono::milliseconds write_timeout() const { return std::chrono::seconds(m_config.write_timeout_seconds); }

  const HttpServerConfig& m_config;
  ConnectionGate m_gate;
  ReadLimits m_limits;
  ReadLimits m_refusal_limits;
};

}  // namespace mock::http
