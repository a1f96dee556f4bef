#include "mock/http/http_server.hpp"

#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <utility>

#include <httplib.h>

#include "mock/http/api_error.hpp"

namespace mock::http {
namespace {

ApiRequest to_api_request(const httplib::Request& req) {
  ApiRequest out;
  out.method = req.method;
  out.path = req.path;
  for (const auto& [key, value] : req.params) {
    out.query.emplace_back(key, value);
  }
  for (const auto& [key, value] : req.headers) {
    // httplib adds the peer addresses as pseudo-headers; the client never sent them.
    if (key == "REMOTE_ADDR" || key == "REMOTE_PORT" || key == "LOCAL_ADDR" || key == "LOCAL_PORT") {
      continue;
    }
    out.headers.emplace(key, value);
  }
  out.body = req.body;
  for (const auto& [name, part] : req.files) {
    out.form_parts.push_back(FormPart{part.name, part.filename, part.content_type, part.content});
  }
  return out;
}

class DataSinkAdapter final : public StreamSink {
public:
  explicit DataSinkAdapter(httplib::DataSink& sink) : m_sink(sink) {}
  bool write(std::string_view data) override {
    return m_sink.is_writable() && m_sink.write(data.data(), data.size());
  }

private:
  httplib::DataSink& m_sink;
};

void write_response(ApiResponse& response, httplib::Response& res) {
  response.finalize();
  res.status = response.status;
  for (const auto& [key, value] : response.headers) {
    res.set_header(key, value);
  }
  if (response.stream) {
    StreamProducer producer = response.stream;
    // httplib compresses every text/* body unless the type is exactly "text/event-stream",
    // and a compressed stream reaches the client only at its end. Streams go uncompressed.
    const std::string content_type = response.content_type.starts_with("text/event-stream")
                                         ? "text/event-stream"
                                         : response.content_type;
    res.set_chunked_content_provider(
        content_type, [producer](std::size_t, httplib::DataSink& sink) {
          DataSinkAdapter adapter(sink);
          producer(adapter);
          sink.done();
          return true;
        });
    return;
  }
  res.set_content(response.body, response.content_type);
}

// Two Content-Length headers that disagree make the body's end ambiguous (request
// smuggling through a proxy in front); httplib 0.11 accepts them, so refuse here.
void refuse_ambiguous_length(const ApiRequest& request) {
  const auto [first, last] = request.headers.equal_range("Content-Length");
  for (auto it = first; it != last; ++it) {
    if (it->second != first->second) {
      throw ApiError(400, "Conflicting Content-Length headers.", "invalid_request_error");
    }
  }
}

// The answers httplib makes itself (400, 413, 414) have empty bodies; give them the envelope.
ApiError error_for_library_status(const httplib::Request& req, int status) {
  switch (status) {
    case 413:
      return {413, "Request body too large.", "invalid_request_error", std::nullopt,
              "request_too_large"};
    case 414:
      return {414, "Request URI too long.", "invalid_request_error"};
    default:
      return {status, "Malformed HTTP request (" + req.method + " " + req.path + ").",
              "invalid_request_error"};
  }
}

int port_of(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return -1;
  }
  if (address.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port);
  }
  if (address.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port);
  }
  return -1;
}

// httplib 0.11.4 listens with a backlog of 5 and keeps the socket private. Under load
// the accept queue overflows and each dropped SYN costs a 1 s retransmit. Linux lets a
// second listen() on the same socket enlarge the queue, so find it and do that.
void enlarge_listen_backlog(int port, int backlog) {
  DIR* fds = opendir("/proc/self/fd");
  if (fds == nullptr) {
    return;
  }
  while (const dirent* entry = readdir(fds)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == dirfd(fds)) {
      continue;
    }
    const int socket_fd = static_cast<int>(fd);
    int accepting = 0;
    socklen_t length = sizeof(accepting);
    if (getsockopt(socket_fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) == 0 &&
        accepting != 0 && port_of(socket_fd) == port) {
      listen(socket_fd, backlog);
    }
  }
  closedir(fds);
}

}  // namespace

struct HttpServer::Impl {
  HttpServerConfig config;
  Dispatch dispatch;
  RequestObserver observer;
  httplib::Server server;
  bool bound = false;
};

HttpServer::HttpServer(HttpServerConfig config, Dispatch dispatch, RequestObserver observer)
    : m_impl(std::make_unique<Impl>()) {
  m_impl->config = std::move(config);
  m_impl->dispatch = std::move(dispatch);
  m_impl->observer = std::move(observer);

  httplib::Server& server = m_impl->server;
  const std::size_t threads = m_impl->config.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // Without TCP_NODELAY, Nagle plus delayed ACKs cap the server at a few hundred req/s.
  server.set_tcp_nodelay(true);
  // Debian's httplib sets SO_REUSEPORT, which lets a second server bind a port in use and
  // silently share its connections. Only SO_REUSEADDR, so a taken port fails loudly.
  server.set_socket_options([](int socket_fd) {
    int yes = 1;
    setsockopt(socket_fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  server.set_keep_alive_max_count(m_impl->config.keep_alive_max_requests);
  server.set_payload_max_length(m_impl->config.max_body_bytes);
  server.set_read_timeout(m_impl->config.read_timeout_seconds, 0);

  Impl* impl = m_impl.get();
  const auto handle = [impl](const httplib::Request& req, httplib::Response& res) {
    const auto started = std::chrono::steady_clock::now();
    ApiRequest request = to_api_request(req);
    ApiResponse response;
    try {
      refuse_ambiguous_length(request);
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

  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) {
      return httplib::Server::HandlerResponse::Unhandled;  // ours already
    }
    const ApiError error = error_for_library_status(req, res.status);
    res.set_content(error.envelope().dump(), "application/json");
    return httplib::Server::HandlerResponse::Handled;
  }));
}

HttpServer::~HttpServer() { stop(); }

int HttpServer::bind() {
  if (m_impl->bound) {
    return m_port;
  }
  const HttpServerConfig& config = m_impl->config;
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
  enlarge_listen_backlog(m_port, config.listen_backlog);
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

}  // namespace mock::http
