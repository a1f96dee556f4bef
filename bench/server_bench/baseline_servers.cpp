#include "bench/server_bench/baseline_servers.hpp"

#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "bench/server_bench/settings.hpp"
#include "bench/server_bench/text.hpp"
#include "http/api_message.hpp"

namespace server_bench {
namespace {

// The same trick as http/http_server.cpp: 0.11.4 listens with a backlog of 5 and keeps
// the socket private; a second listen() on it enlarges the queue (Linux).
int port_of(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return -1;
  if (address.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port);
  }
  if (address.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port);
  }
  return -1;
}

void enlarge_listen_backlog(int port, int backlog) {
  DIR* fds = opendir("/proc/self/fd");
  if (fds == nullptr) return;
  while (const dirent* entry = readdir(fds)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == dirfd(fds)) continue;
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

// A JSON object of exactly `size` bytes (at least a few dozen), shaped like an API object.
std::string json_body_of_size(std::size_t size) {
  const std::string head = R"({"id":"asst_bare0000000000000000000000","object":"bench","pad":")";
  const std::string tail = R"("})";
  const std::size_t fixed_part = head.size() + tail.size();
  const std::size_t pad = size > fixed_part ? size - fixed_part : 0;
  return head + std::string(pad, 'x') + tail;
}

}  // namespace

ListeningThread::ListeningThread(const std::string& name, std::function<void()> listen,
                                 const std::function<bool()>& is_running,
                                 std::function<void()> stop)
    : m_stop(std::move(stop)), m_thread(std::move(listen)) {
  const auto deadline = SteadyClock::now() + std::chrono::seconds(10);
  while (!is_running()) {
    if (SteadyClock::now() > deadline) throw std::runtime_error(name + " did not start");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

ListeningThread::~ListeningThread() {
  m_stop();
  if (m_thread.joinable()) m_thread.join();
}

BareServer::BareServer(const mock::http::HttpServerConfig& like)
    : m_fixed_body(json_body_of_size(k_fixed_body_bytes)) {
  // A tuned bare server has a pool sized for its load, not the mock's cap on connections
  // (thousands, started on demand): 64 threads, started up front.
  const std::size_t threads = std::min<std::size_t>(like.threads, k_bare_threads);
  m_server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  m_server.set_tcp_nodelay(true);
  m_server.set_keep_alive_max_count(like.keep_alive_max_requests);
  m_server.set_payload_max_length(like.max_body_bytes);
  m_server.set_read_timeout(like.read_timeout_seconds, 0);
  // GET/POST anything: the fixed ~400-byte body; GET /sized/N: a body of N bytes (the
  // baseline for answers larger than 400 bytes, such as a page of 20 messages).
  const auto handle = [this](const httplib::Request& req, httplib::Response& res) {
    constexpr std::string_view k_sized = "/sized/";
    if (req.path.starts_with(k_sized)) {
      const std::size_t size = std::strtoul(req.path.c_str() + k_sized.size(), nullptr, 10);
      res.set_content(json_body_of_size(std::min<std::size_t>(size, 1U << 20U)),
                      "application/json");
      return;
    }
    res.set_content(m_fixed_body, "application/json");
  };
  m_server.Get(".*", handle);
  m_server.Post(".*", handle);
  m_port = m_server.bind_to_any_port(k_host);
  if (m_port < 0) throw std::runtime_error("bare server: cannot bind 127.0.0.1:0");
  enlarge_listen_backlog(m_port, like.listen_backlog);
  m_listening.emplace(
      "bare server", [this] { m_server.listen_after_bind(); },
      [this] { return m_server.is_running(); }, [this] { m_server.stop(); });
}

FrontServer::FrontServer(const mock::http::HttpServerConfig& like)
    : m_fixed_body(json_body_of_size(BareServer::k_fixed_body_bytes)) {
  mock::http::HttpServerConfig config = like;
  config.port = 0;
  m_server = std::make_unique<mock::http::HttpServer>(config, [this](mock::http::ApiRequest&) {
    return mock::http::ApiResponse::json_text(m_fixed_body);
  });
  m_port = m_server->bind();
  m_listening.emplace(
      "front server", [this] { m_server->listen(); }, [this] { return m_server->is_running(); },
      [this] { m_server->stop(); });
}

}  // namespace server_bench
