#include "http/bounded_server.hpp"

#include <algorithm>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "http/api_error.hpp"
#include "http/front_errors.hpp"
#include "http/request_framing.hpp"
#include "http/socket_io.hpp"

namespace mock::http {
namespace {
using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

// How often an idle connection looks up to see whether the server stops or a newcomer waits.
constexpr milliseconds k_idle_step{25};
constexpr milliseconds k_linger{500};
// A connection turned away gets this long to send the request its 503 answers.
constexpr milliseconds k_refusal_read_timeout{1000};
constexpr milliseconds k_refusal_request_timeout{2000};

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
}  // namespace

Connection* current_connection() { return t_connection; }
bool priming_parser() { return t_priming; }

BoundedServer::BoundedServer(const HttpServerConfig& config)
    : m_config(config),
      m_gate(config.threads),
      m_limits{std::chrono::seconds(config.read_timeout_seconds),
               std::chrono::seconds(config.request_timeout_seconds), config.max_head_bytes,
               config.max_body_bytes},
      m_refusal_limits{std::min(m_limits.read_timeout, k_refusal_read_timeout),
                       std::min(m_limits.request_timeout, k_refusal_request_timeout),
                       config.max_head_bytes, config.max_body_bytes} {}

void BoundedServer::prime_parser() {
  static std::once_flag primed;
  std::call_once(primed, [this] {
    PrimingStream stream;
    bool closed = false;
    t_priming = true;
    process_request(stream, /*close_connection=*/true, closed, [](httplib::Request&) {});
    t_priming = false;
  });
}

bool BoundedServer::process_and_close_socket(socket_t sock) {
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

BoundedServer::Ending BoundedServer::serve(Connection& connection) {
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

void BoundedServer::answer_over_capacity(Connection& connection) {
  connection.over_capacity = true;
  if (stopping()) return;
  if (socket_io::wait_readable(connection.fd, m_refusal_limits.read_timeout)) {
    bool closed = false;
    serve_one(connection, /*close_connection=*/true, closed);
  }
  if (connection.stream.written() == 0) write_raw(connection, over_capacity_error(m_config), write_timeout());
}

bool BoundedServer::wait_for_request(Connection& connection, bool may_yield) {
  if (connection.stream.has_buffered_input()) return true;
  const auto deadline = SteadyClock::now() + std::chrono::seconds(m_config.keep_alive_timeout_seconds);
  while (!stopping() && !(may_yield && m_gate.someone_waiting())) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - SteadyClock::now());
    if (left.count() <= 0) return false;
    if (socket_io::wait_readable(connection.fd, std::min(left, k_idle_step))) return true;
  }
  return false;
}

bool BoundedServer::serve_one(Connection& connection, bool close_connection, bool& closed) {
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

}  // namespace mock::http
