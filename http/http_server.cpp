#include "http/http_server.hpp"

#include <sys/resource.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>

#include <httplib.h>

#include "http/api_error.hpp"
#include "http/bounded_server.hpp"
#include "http/elastic_pool.hpp"
#include "http/front_errors.hpp"
#include "http/httplib_exchange.hpp"
#include "http/socket_io.hpp"

namespace mock::http {
namespace {
// Threads beyond `threads` that hold newcomers while they wait for a slot or get their 503.
constexpr std::size_t k_spare_threads = 4;
// A worker thread idle this long exits; the next connection that needs one starts another.
constexpr std::chrono::seconds k_idle_retire{10};

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
    if (current_connection() != nullptr && current_connection()->over_capacity) return over_capacity_error(config);
    if (current_connection() != nullptr) {
      if (const auto refusal = current_connection()->budget.refusal()) {
        return refusal_error(*refusal, config, current_connection()->framing_problem);
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
    if (current_connection() == nullptr || current_connection()->over_capacity || current_connection()->budget.refusal()) {
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
    if (current_connection() != nullptr) {
      current_connection()->dispatched = true;
      if (request.body.empty()) request.body = current_connection()->stream.take_captured();
    }
    try {
      if (current_connection() != nullptr && current_connection()->budget.refusal()) {
        throw refusal_error(*current_connection()->budget.refusal(), impl->config, current_connection()->framing_problem);
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
    if (current_connection() == nullptr || !current_connection()->over_capacity) return httplib::Server::HandlerResponse::Unhandled;
    impl->answer_with(req, res, over_capacity_error(impl->config));
    return httplib::Server::HandlerResponse::Handled;
  });
  // curl and others ask before sending a large body: say no at once to a body we would refuse.
  server.set_expect_100_continue_handler([impl](const httplib::Request&, httplib::Response& res) {
    if (current_connection() == nullptr) return 100;
    if (current_connection()->over_capacity) return res.status = 503;
    if (const auto refusal = current_connection()->budget.refusal()) {
      return res.status = refusal_error(*refusal, impl->config, current_connection()->framing_problem).status();
    }
    return 100;
  });
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [impl](const httplib::Request& req, httplib::Response& res) {
    if (priming_parser()) return httplib::Server::HandlerResponse::Unhandled;
    if ((current_connection() != nullptr && current_connection()->dispatched) || !res.body.empty() || res.content_provider_) {
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
