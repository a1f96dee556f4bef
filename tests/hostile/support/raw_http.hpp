#pragma once
// A raw TCP client for hostile-client tests: it sends exactly the bytes a test gives, as slowly
// or as partially as the test wants, and reads back whatever the server answers, or sees the
// server close. httplib's client cannot misbehave on purpose, so these tests cannot use it.
#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/api_message.hpp"
#include "http/json.hpp"

namespace hostile {

struct RawResponse {
  int status = 0;  // 0: no complete answer (see `closed`)
  mock::http::Headers headers;
  std::string body;
  mock::Json json;      // the body parsed, or null
  bool closed = false;  // the server closed (or reset) the connection before a whole answer
  std::chrono::milliseconds elapsed{0};

  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
  // Whether the body is exactly the OpenAI envelope {"error": {message, type, param, code}}.
  bool is_error_envelope() const;
  std::string error_code() const;
  std::string describe() const;
};

// "METHOD PATH HTTP/1.1" with Host, the given headers, Content-Length when there is a body.
std::string http_request(const std::string& method, const std::string& target,
                         const std::vector<std::pair<std::string, std::string>>& headers = {},
                         const std::string& body = "");
// The headers every Assistants call needs.
std::vector<std::pair<std::string, std::string>> api_headers();

class RawConnection {
public:
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // False once the server stopped taking bytes (closed or reset the connection).
  bool send(std::string_view data);
  // Sends `data` in pieces of `piece` bytes with `pause` between them; stops when the server
  // stops taking them or after `give_up`. Returns the bytes sent.
  std::size_t trickle(std::string_view data, std::size_t piece, std::chrono::milliseconds pause,
                      std::chrono::milliseconds give_up);
  // One whole answer (Content-Length or chunked body), or `closed` / a time-out (status 0).
  RawResponse read_response(std::chrono::milliseconds timeout);
  // Reads until `needle` has arrived; returns everything read (empty on time-out or close).
  std::string read_until(std::string_view needle, std::chrono::milliseconds timeout);
  // What one recv() returns once data arrives: the bytes the server's first segments carried
  // (empty on time-out or close).
  std::string read_once(std::chrono::milliseconds timeout);
  // Whether the server closes the connection within `timeout` (input read is discarded).
  bool closed_by_server(std::chrono::milliseconds timeout);
  // Resets the connection (SO_LINGER 0): the server sees it vanish mid-request.
  void abort();
  void close();

private:
  // Appends what arrives within `timeout` to m_pending; false on close, reset or time-out.
  bool receive_some(std::chrono::steady_clock::time_point deadline);

  int m_fd = -1;
  std::string m_pending;
  bool m_eof = false;
};

}  // namespace hostile
