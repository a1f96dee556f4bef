#include "http/http_server.hpp"

#include <sys/resource.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <httplib.h>

#include "http/api_error.hpp"
#include "http/connection_gate.hpp"
#include "http/elastic_pool.hpp"
#include "http/front_errors.hpp"
#include "http/httplib_exchange.hpp"
#include "http/httplib_streams.hpp"
#include "http/read_budget.hpp"
#include "http/request_framing.hpp"
#include "http/socket_io.hpp"

namespace mock::http {
namespace {
using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

// Threads beyond `threads` that hold newcomers while they wait for a slot or get their 503.
constexpr std::size_t k_spare_threads = 4;
// A worker thread idle this long exits; the next connection that needs one starts another.
constexpr std::chrono::seconds k_idle_retire{10};
// How often an idle connection looks up to see whether the server stops or a newcomer waits.
constexpr milliseconds k_idle_step{25};
constexpr milliseconds k_linger{500};
// A connection turned away gets this long to send the request its 503 answers.
constexpr milliseconds k_refusal_read_timeout{1000};
constexpr milliseconds k_refusal_request_timeout{2000};

// One accepted connection, as the worker serving it and the handlers it calls see it.
struct Connection {
  Connection(int socket_fd, const ReadLimits& limits, milliseconds write_timeout, std::function<bool()> stopping)
      : fd(socket_fd), budget(limits), stream(socket_fd, budget, write_timeout, std::move(stopping)) {}
  int fd;
  ReadBudget budget;
  SocketStream stream;
  bool over_capacity = false;  // answer 503 whatever it asks
  bool dispatched = false;     // the dispatcher answered the current request
  std::string framing_problem;
};

// httplib calls our handlers on the worker serving the connection, with no way to pass the
// connection along: the worker keeps it here while httplib processes one of its requests.
thread_local Connection* t_connection = nullptr;

// Set while prime_parser() runs: its request is not a client's, nothing may answer or log it.
thread_local bool t_priming = false;

class CurrentConnection {
public:
  explicit CurrentConnection(Connection& connection) { t_connection = &connection; }
  ~CurrentConnection() { t_connection = nullptr; }
  CurrentConnection(const CurrentConnection&) = delete;
  CurrentConnection& operator=(const CurrentConnection&) = delete;
};

// Before the body is read (httplib's setup_request hook): refuse what judge_framing refuses.
// The headers are read in one pass: each of httplib's lookups compares names through the
// locale's tolower, character by character, and the five this took cost ~1 us a request.
void check_framing(httplib::Request& req, Connection& connection, std::size_t max_body_bytes) {
  std::vector<std::string> lengths;
  std::optional<std::string> encoding;
  const std::string* content_type = nullptr;
  for (const auto& [name, value] : req.headers) {  // equal names keep the order they came in
    if (header_names_equal(name, "Content-Length")) {
      lengths.push_back(value);
    } else if (header_names_equal(name, "Transfer-Encoding")) {
      if (!encoding) encoding = value;
    } else if (header_names_equal(name, "Content-Type")) {
      if (content_type == nullptr) content_type = &value;
    }
  }
  // httplib's Request::is_multipart_form_data, on the first Content-Type.
  const bool multipart = content_type != nullptr && content_type->starts_with("multipart/form-data");
  const FramingVerdict verdict = judge_framing(lengths, encoding, max_body_bytes);
  if (lengths.empty() && !encoding && req.method != "GET" && req.method != "HEAD") {
    // A request that declares no body has none (RFC 9112 6.3); httplib would read a POST
    // until the connection closed, and answer 400 after the read time-out.
    req.set_header("Content-Length", "0");
  }
  if (verdict.refusal) {
    connection.framing_problem = verdict.problem;
    connection.budget.refuse(*verdict.refusal);
    req.set_header("Connection", "close");
  } else if (multipart && !lengths.empty()) {
    // httplib parses a multipart body into parts and keeps no bytes of it; the recorder
    // forwards the body as it came, so keep those too.
    connection.stream.capture_body();
  }
}

// An answer written straight to the socket, for when httplib cannot write one.
void write_raw(const Connection& connection, const ApiError& error, milliseconds timeout) {
  socket_io::send_all(connection.fd, raw_error_response(error), timeout);
}

// httplib asks for a task queue; ours starts threads on demand (elastic_pool.hpp).
class ElasticTaskQueue final : public httplib::TaskQueue {
public:
  explicit ElasticTaskQueue(std::size_t max_threads) : m_pool(max_threads, k_idle_retire) {}
  void enqueue(std::function<void()> job) override { m_pool.submit(std::move(job)); }
  void shutdown() override { m_pool.shutdown(); }

private:
  ElasticPool m_pool;
};

// Lets this process hold as many sockets as the system allows it: the soft limit on open
// files is often 1,024, fewer than the connections the server admits by default.
void raise_open_file_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
  limit.rlim_cur = limit.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &limit);
}

// httplib's Server with our own connection loop: admission through the gate, reads through a
// budget, idle connections that notice stop() and newcomers within k_idle_step.
class BoundedServer final : public httplib::Server {
public:
  explicit BoundedServer(const HttpServerConfig& config)
      : m_config(config),
        m_gate(config.threads),
        m_limits{std::chrono::seconds(config.read_timeout_seconds),
                 std::chrono::seconds(config.request_timeout_seconds), config.max_head_bytes,
                 config.max_body_bytes},
        m_refusal_limits{std::min(m_limits.read_timeout, k_refusal_read_timeout),
                         std::min(m_limits.request_timeout, k_refusal_request_timeout),
                         config.max_head_bytes, config.max_body_bytes} {}

  const ConnectionGate& gate() const { return m_gate; }

  // httplib 0.11.4 builds function-local statics in its request parser (the set of method
  // names) on the first request it parses, on whichever worker gets it. The library is not
  // built with ThreadSanitizer, which therefore cannot see the guard that orders that build
  // before other workers read it, and reports a race that is not one. Parsing one request
  // line here, once per process and before any worker exists, builds them where every
  // worker's start is ordered after it.
  void prime_parser() {
    static std::once_flag primed;
    std::call_once(primed, [this] {
      PrimingStream stream;
      bool closed = false;
      t_priming = true;
      process_request(stream, /*close_connection=*/true, closed, [](httplib::Request&) {});
      t_priming = false;
    });
  }

private:
  enum class Ending { quietly, lingering };

  // httplib declares this private and virtual; overriding it is how a subclass takes over a
  // connection. process_request, which parses and routes one request, is protected.
  bool process_and_close_socket(socket_t sock) override {
    const bool admitted = m_gate.enter(milliseconds(m_config.admission_wait_ms));
    Connection connection(sock, admitted ? m_limits : m_refusal_limits, write_timeout(),
                          [this] { return stopping(); });
    if (!admitted) {
      answer_over_capacity(connection);
      socket_io::close_lingering(sock, k_linger);
      return true;
    }
    const Ending ending = serve(connection);
    if (ending == Ending::lingering) {
      socket_io::close_lingering(sock, k_linger);
    } else {
      socket_io::close_now(sock);
    }
    m_gate.leave();
    return true;
  }

  Ending serve(Connection& connection) {
    const std::size_t max_requests = m_config.keep_alive_max_requests;
    for (std::size_t served = 0; served < max_requests; ++served) {
      if (!wait_for_request(connection, /*may_yield=*/served > 0)) return Ending::quietly;
      bool closed = false;
      const bool last = served + 1 == max_requests;
      const bool ok = serve_one(connection, last, closed);
      if (connection.budget.refusal()) return Ending::lingering;
      if (!ok || closed || last) return Ending::quietly;
    }
    return Ending::quietly;
  }

  void answer_over_capacity(Connection& connection) {
    connection.over_capacity = true;
    if (stopping()) return;
    if (socket_io::wait_readable(connection.fd, m_refusal_limits.read_timeout)) {
      bool closed = false;
      serve_one(connection, /*close_connection=*/true, closed);
    }
    if (connection.stream.written() == 0) write_raw(connection, over_capacity_error(m_config), write_timeout());
  }

  // Waits for the first byte of the next request. False: close (idle too long, the server
  // stops, or, after a first request, a newcomer waits for this connection's slot).
  bool wait_for_request(Connection& connection, bool may_yield) {
    if (connection.stream.has_buffered_input()) return true;
    const auto deadline = SteadyClock::now() + std::chrono::seconds(m_config.keep_alive_timeout_seconds);
    while (!stopping() && !(may_yield && m_gate.someone_waiting())) {
      const auto left = std::chrono::duration_cast<milliseconds>(deadline - SteadyClock::now());
      if (left.count() <= 0) return false;
      if (socket_io::wait_readable(connection.fd, std::min(left, k_idle_step))) return true;
    }
    return false;
  }

  bool serve_one(Connection& connection, bool close_connection, bool& closed) {
    connection.budget.start_request(SteadyClock::now());
    connection.stream.start_request();
    connection.dispatched = false;
    connection.framing_problem.clear();
    const CurrentConnection current(connection);
    const std::size_t max_body = m_config.max_body_bytes;
    bool ok = process_request(connection.stream, close_connection, closed,
                              [&connection, max_body](httplib::Request& req) {
                                check_framing(req, connection, max_body);
                              });
    ok = connection.stream.flush() && ok;
    const auto refusal = connection.budget.refusal();
    if (refusal && connection.stream.written() == 0 && connection.budget.request_started()) {
      write_raw(connection,
                connection.over_capacity ? over_capacity_error(m_config)
                                         : refusal_error(*refusal, m_config, connection.framing_problem),
                write_timeout());
    }
    return ok;
  }

  bool stopping() const { return svr_sock_ == INVALID_SOCKET; }
  milliseconds write_timeout() const { return std::chrono::seconds(m_config.write_timeout_seconds); }

  const HttpServerConfig& m_config;
  ConnectionGate m_gate;
  ReadLimits m_limits;
  ReadLimits m_refusal_limits;
};

}  // namespace

std::string base_url(const std::string& host, int port) {
  std::string authority = host;
  if (host.find(':') != std::string::npos && !host.starts_with("[")) {
    authority.clear();
    for (const char c : host) authority += c == '%' ? std::string("%25") : std::string(1, c);
    authority = "[" + authority + "]";
  }
  return "http://" + authority + ":" + std::to_string(port);
}

std::string exposure_warning(const std::string& host) {
  return "WARNING: listening on " + host +
         ", reachable from other machines. The mock has no real authentication: anyone who can "
         "reach this port can read and change its state. Use --host 127.0.0.1 unless you mean it.";
}

struct HttpServer::Impl {
  explicit Impl(HttpServerConfig from) : config(std::move(from)), server(config) {}
  HttpServerConfig config;
  Dispatch dispatch;
  RequestObserver observer;
  BoundedServer server;
  bool bound = false;
  bool loopback_only = false;

  // The error httplib or our budget answered with, as the client will see it.
  ApiError error_for(const httplib::Request& req, int status) const {
    if (t_connection != nullptr && t_connection->over_capacity) return over_capacity_error(config);
    if (t_connection != nullptr) {
      if (const auto refusal = t_connection->budget.refusal()) {
        return refusal_error(*refusal, config, t_connection->framing_problem);
      }
    }
    return library_error(status, req.method, req.path);
  }

  void observe(const httplib::Request& req, const ApiResponse& response, double elapsed_ms) const {
    if (!observer) return;
    ApiRequest request = to_api_request(req);
    observer(request, response, elapsed_ms);
  }

  // Writes the envelope of an answer the dispatcher did not make.
  void answer_with(const httplib::Request& req, httplib::Response& res, const ApiError& error) const {
    ApiResponse response = error.to_response();
    response.served_by = "refused";
    response.near_miss = error.what();
    response.finalize();
    res.status = response.status;
    for (const auto& [key, value] : response.headers) res.set_header(key, value);
    if (t_connection == nullptr || t_connection->over_capacity || t_connection->budget.refusal()) {
      res.set_header("Connection", "close");
    }
    res.set_content(response.body, "application/json");
    observe(req, response, 0.0);
  }
};

HttpServer::HttpServer(HttpServerConfig config, Dispatch dispatch, RequestObserver observer)
    : m_impl(std::make_unique<Impl>(std::move(config))) {
  m_impl->dispatch = std::move(dispatch);
  m_impl->observer = std::move(observer);

  httplib::Server& server = m_impl->server;
  const std::size_t threads = m_impl->config.threads + k_spare_threads;
  server.new_task_queue = [threads] { return new ElasticTaskQueue(threads); };
  // Without TCP_NODELAY, Nagle plus delayed ACKs cap the server at a few hundred req/s.
  server.set_tcp_nodelay(true);
  // Debian's httplib sets SO_REUSEPORT, which lets a second server bind a port in use and
  // silently share its connections. Only SO_REUSEADDR, so a taken port fails loudly.
  server.set_socket_options([](int socket_fd) {
    int yes = 1;
    setsockopt(socket_fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  // Our connection loop applies these; httplib still names them in its Keep-Alive header
  // and as the socket time-outs it sets on accept.
  server.set_keep_alive_max_count(m_impl->config.keep_alive_max_requests);
  server.set_keep_alive_timeout(m_impl->config.keep_alive_timeout_seconds);
  server.set_read_timeout(m_impl->config.read_timeout_seconds, 0);
  server.set_write_timeout(m_impl->config.write_timeout_seconds, 0);
  server.set_payload_max_length(m_impl->config.max_body_bytes);

  Impl* impl = m_impl.get();
  const auto handle = [impl](const httplib::Request& req, httplib::Response& res) {
    const auto started = std::chrono::steady_clock::now();
    ApiRequest request = to_api_request(req);
    ApiResponse response;
    if (t_connection != nullptr) {
      t_connection->dispatched = true;
      if (request.body.empty()) request.body = t_connection->stream.take_captured();
    }
    try {
      if (t_connection != nullptr && t_connection->budget.refusal()) {
        throw refusal_error(*t_connection->budget.refusal(), impl->config, t_connection->framing_problem);
      }
      // A chunked body is bounded only here: httplib checks the limit against Content-Length.
      if (request.body.size() > impl->config.max_body_bytes) throw refusal_error(Refusal::body_too_large, impl->config, "");
      response = impl->dispatch(request);
    } catch (const ApiError& error) {
      response = error.to_response();
    } catch (const std::exception& error) {
      response = errors::internal(error.what()).to_response();
    }
    write_response(response, res);
    if (impl->observer) {
      const std::chrono::duration<double, std::milli> elapsed =
          std::chrono::steady_clock::now() - started;
      impl->observer(request, response, elapsed.count());
    }
  };
  const char* k_any = ".*";
  server.Get(k_any, handle);
  server.Post(k_any, handle);
  server.Delete(k_any, handle);
  server.Put(k_any, handle);
  server.Patch(k_any, handle);
  server.Options(k_any, handle);

  // Before the body is read: a connection over the bound gets its 503 without reading it.
  server.set_pre_routing_handler([impl](const httplib::Request& req, httplib::Response& res) {
    if (t_connection == nullptr || !t_connection->over_capacity) return httplib::Server::HandlerResponse::Unhandled;
    impl->answer_with(req, res, over_capacity_error(impl->config));
    return httplib::Server::HandlerResponse::Handled;
  });
  // curl and others ask before sending a large body: say no at once to a body we would refuse.
  server.set_expect_100_continue_handler([impl](const httplib::Request&, httplib::Response& res) {
    if (t_connection == nullptr) return 100;
    if (t_connection->over_capacity) return res.status = 503;
    if (const auto refusal = t_connection->budget.refusal()) {
      return res.status = refusal_error(*refusal, impl->config, t_connection->framing_problem).status();
    }
    return 100;
  });
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [impl](const httplib::Request& req, httplib::Response& res) {
    if (t_priming) return httplib::Server::HandlerResponse::Unhandled;
    if ((t_connection != nullptr && t_connection->dispatched) || !res.body.empty() || res.content_provider_) {
      return httplib::Server::HandlerResponse::Unhandled;  // ours already
    }
    impl->answer_with(req, res, impl->error_for(req, res.status));
    return httplib::Server::HandlerResponse::Handled;
  }));
  m_impl->server.prime_parser();
}

HttpServer::~HttpServer() { stop(); }

int HttpServer::bind() {
  if (m_impl->bound) {
    return m_port;
  }
  const HttpServerConfig& config = m_impl->config;
  raise_open_file_limit();
  if (config.port == 0) {
    m_port = m_impl->server.bind_to_any_port(config.host);
  } else {
    m_port = m_impl->server.bind_to_port(config.host, config.port) ? config.port : -1;
  }
  if (m_port < 0) {
    throw std::runtime_error("cannot listen on " + config.host + ":" +
                             std::to_string(config.port) +
                             " (address in use, or not an address of this machine)");
  }
  // httplib 0.11.4 listens with a backlog of 5 and keeps the socket private. Under load
  // the accept queue overflows and each dropped SYN costs a 1 s retransmit. Linux lets a
  // second listen() on the same socket enlarge the queue, so find it and do that.
  const int listening = socket_io::find_listening_socket(m_port);
  if (listening >= 0) {
    ::listen(listening, config.listen_backlog);
    m_impl->loopback_only = socket_io::bound_to_loopback(listening);
  }
  m_impl->bound = true;
  return m_port;
}

bool HttpServer::listen() {
  bind();
  return m_impl->server.listen_after_bind();
}

void HttpServer::stop() {
  if (m_impl && m_impl->server.is_running()) {
    m_impl->server.stop();
  }
}

bool HttpServer::is_running() const { return m_impl->server.is_running(); }

bool HttpServer::loopback_only() const { return m_impl->loopback_only; }

std::string HttpServer::base_url() const { return http::base_url(m_impl->config.host, m_port); }

std::size_t HttpServer::open_connections() const { return m_impl->server.gate().active(); }

}  // namespace mock::http
