#pragma once
// A small JSON client for integration tests. Every request carries
// `Authorization: Bearer sk-test` and `OpenAI-Beta: assistants=v2` unless the test
// changes them, and every answer comes back as status + parsed JSON + headers.
// httplib is allowed here: tests may use it as a client (tests/rules/architecture.txt).
#include <optional>
#include <string>
#include <utility>

#include <httplib.h>

#include "http/json.hpp"

namespace tests::support {

struct ApiResult {
  int status = 0;            // 0 when the request never got an answer
  std::string error;         // httplib's error name when status is 0
  mock::Json json;           // the parsed body; null when the body is empty or not JSON
  std::string body;          // the raw body
  httplib::Headers headers;  // response headers (names compare case-insensitively)

  bool has_header(const std::string& name) const { return headers.find(name) != headers.end(); }
  std::optional<std::string> header(const std::string& name) const {
    const auto it = headers.find(name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
  }
  // The "error" object of an error envelope (null if there is none).
  const mock::Json& error_object() const {
    static const mock::Json k_null;
    const auto it = json.find("error");
    return it == json.end() ? k_null : *it;
  }
  std::string id() const { return json.value("id", std::string()); }
};

class ApiClient {
public:
  ApiClient(const std::string& host, int port) : m_client(host, port) {
    m_client.set_connection_timeout(5, 0);
    m_client.set_read_timeout(10, 0);
    m_client.set_write_timeout(10, 0);
    // httplib writes headers and body in separate sends; without TCP_NODELAY, Nagle plus
    // the server's delayed ACK add ~40 ms to every POST on a kept-alive connection.
    m_client.set_tcp_nodelay(true);
  }

  // Header control for auth and beta-header tests; nullopt leaves the header out.
  void set_api_key(std::optional<std::string> key) { m_api_key = std::move(key); }
  void set_beta(std::optional<std::string> beta) { m_beta = std::move(beta); }
  void set_keep_alive(bool on) { m_client.set_keep_alive(on); }

  ApiResult get(const std::string& path) { return send("GET", path, std::nullopt); }
  ApiResult del(const std::string& path) { return send("DELETE", path, std::nullopt); }
  ApiResult post(const std::string& path, const mock::Json& body = mock::Json::object()) {
    return send("POST", path, body.dump());
  }
  // Sends `body` exactly as given (bad JSON, huge bodies) with a JSON content type.
  ApiResult post_raw(const std::string& path, const std::string& body) {
    return send("POST", path, body);
  }
  // POST /v1/files as multipart/form-data with a `purpose` and a `file` part.
  ApiResult upload_file(const std::string& filename, const std::string& content,
                        const std::string& purpose = "assistants") {
    httplib::Headers headers;
    if (m_api_key) headers.emplace("Authorization", "Bearer " + *m_api_key);
    if (m_beta) headers.emplace("OpenAI-Beta", *m_beta);
    const httplib::MultipartFormDataItems items = {
        {"purpose", purpose, "", ""}, {"file", content, filename, "text/plain"}};
    return to_result(m_client.Post("/v1/files", headers, items));
  }

  ApiResult send(const std::string& method, const std::string& path,
                 const std::optional<std::string>& body) {
    httplib::Request request;
    request.method = method;
    request.path = path;
    if (m_api_key) request.headers.emplace("Authorization", "Bearer " + *m_api_key);
    if (m_beta) request.headers.emplace("OpenAI-Beta", *m_beta);
    if (body) {
      request.headers.emplace("Content-Type", "application/json");
      request.body = *body;
    }
    return to_result(m_client.send(request));
  }

private:
  static ApiResult to_result(const httplib::Result& result) {
    ApiResult out;
    if (!result) {
      out.error = httplib::to_string(result.error());
      return out;
    }
    out.status = result->status;
    out.body = result->body;
    out.headers = result->headers;
    out.json = mock::Json::parse(out.body, nullptr, /*allow_exceptions=*/false);
    if (out.json.is_discarded()) out.json = nullptr;
    return out;
  }

  httplib::Client m_client;
  std::optional<std::string> m_api_key = "sk-test";
  std::optional<std::string> m_beta = "assistants=v2";
};

// Compact description of a result for assertion messages.
inline std::string describe(const ApiResult& result) {
  if (result.status == 0) return "no answer (" + result.error + ")";
  return std::to_string(result.status) + " " + result.body.substr(0, 600);
}

}  // namespace tests::support
