#pragma once
// What the recorder tests share: a temporary directory, an HTTP client (httplib, allowed in
// tests), the mock server as the upstream, and record/replay servers in-process on
// ephemeral ports of 127.0.0.1. Nothing here touches the network beyond loopback.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include <httplib.h>

#include "cassettes/cassette.hpp"
#include "mock/scenario/scenario.hpp"
#include "mock/server/mock_server.hpp"
#include "recorder/record_server.hpp"
#include "recorder/replay_server.hpp"

namespace recorder_tests {

using Json = nlohmann::ordered_json;

inline constexpr const char* k_secret_key = "sk-test-SECRET-9876543210";

class TempDir {
public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "recorder-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
  std::filesystem::path m_path;
};

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Reply {
  int status = 0;  // 0: no answer
  std::string body;
  httplib::Headers headers;
  Json json;  // null unless the body is JSON

  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// One request with the SDK's usual headers: the test key and OpenAI-Beta v2
// (`extra` {"OpenAI-Beta", ""} sends none, as the Responses API's clients do).
inline Reply send(int port, const std::string& method, const std::string& path, const std::optional<Json>& body = {},
                  const httplib::Headers& extra = {}) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(20, 0);
  httplib::Request request;
  request.method = method;
  request.path = path;
  request.headers = {{"Authorization", std::string("Bearer ") + k_secret_key}, {"OpenAI-Beta", "assistants=v2"}};
  for (const auto& header : extra) {
    request.headers.erase(header.first);  // an extra header replaces a default one;
    if (!header.second.empty()) request.headers.insert(header);  // an empty one removes it
  }
  if (body) {
    request.headers.emplace("Content-Type", "application/json");
    request.body = body->dump();
  } else if (method == "POST") {
    request.body = "";
    request.headers.emplace("Content-Length", "0");
  }
  Reply reply;
  const httplib::Result result = client.send(request);
  if (!result) return reply;
  reply.status = result->status;
  reply.body = result->body;
  reply.headers = result->headers;
  reply.json = Json::parse(reply.body, nullptr, false);
  if (reply.json.is_discarded()) reply.json = nullptr;
  return reply;
}

inline int port_of(const std::string& base_url) {
  return std::stoi(base_url.substr(base_url.rfind(':') + 1));
}

// The mock server as the upstream, with a fast run pace and a fixed id seed.
class MockUpstream {
public:
  explicit MockUpstream(const std::optional<std::string>& scenario_file = std::nullopt, std::uint64_t seed = 7,
                        bool manual_clock = false, std::int64_t run_step_ms = 5)
      : m_server(config(scenario_file, seed, manual_clock, run_step_ms)) {
    m_server.start();
  }
  ~MockUpstream() { stop(); }
  MockUpstream(const MockUpstream&) = delete;
  MockUpstream& operator=(const MockUpstream&) = delete;

  void stop() {
    if (!m_stopped) m_server.stop();
    m_stopped = true;
  }
  std::string base_url() const { return m_server.base_url(); }
  mock::MockServer& server() { return m_server; }

private:
  static mock::MockServerConfig config(const std::optional<std::string>& scenario_file, std::uint64_t seed,
                                       bool manual_clock, std::int64_t run_step_ms) {
    mock::MockServerConfig config;
    config.http.host = "127.0.0.1";
    config.http.port = 0;
    config.http.threads = 16;
    config.http.read_timeout_seconds = 5;
    config.run_step_ms = run_step_ms;
    config.poll_after_ms = 5;
    config.seed = seed;
    config.manual_clock = manual_clock;
    if (scenario_file) config.scenario = mock::scenario::load_scenario_file(*scenario_file);
    return config;
  }

  mock::MockServer m_server;
  bool m_stopped = false;
};

inline mock::http::HttpServerConfig loopback_any_port() {
  mock::http::HttpServerConfig http;
  http.host = "127.0.0.1";
  http.port = 0;
  http.threads = 16;
  http.read_timeout_seconds = 5;
  return http;
}

inline recorder::RecordConfig record_config(const std::string& upstream, const std::filesystem::path& cassette,
                                            recorder::RecordMode mode = recorder::RecordMode::once) {
  recorder::RecordConfig config;
  config.http = loopback_any_port();
  config.upstream = upstream;
  config.cassette = cassette;
  config.mode = mode;
  config.connect_timeout_ms = 2000;
  config.timeout_ms = 20000;
  return config;
}

inline recorder::ReplayConfig replay_config(const std::filesystem::path& cassette) {
  recorder::ReplayConfig config;
  config.http = loopback_any_port();
  config.cassette = cassette;
  return config;
}

template <class Server, class Config>
std::unique_ptr<Server> started(Config config) {
  auto server = Server::create(std::move(config));
  if (!server) throw std::runtime_error("could not create the server: " + server.error());
  (*server)->start();
  return std::move(*server);
}

}  // namespace recorder_tests

namespace recorder_tests {

// A request whose body arrives piece by piece: `on_chunk` sees each piece as it comes.
inline Reply send_streaming(int port, const std::string& method, const std::string& path, const Json& body,
                            const std::function<void(const std::string& received_so_far)>& on_chunk,
                            const httplib::Headers& extra = {}) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(20, 0);
  httplib::Request request;
  request.method = method;
  request.path = path;
  request.headers = {{"Authorization", std::string("Bearer ") + k_secret_key}, {"OpenAI-Beta", "assistants=v2"},
                     {"Content-Type", "application/json"}};
  for (const auto& header : extra) {
    request.headers.erase(header.first);  // as send(): an extra header replaces a default one,
    if (!header.second.empty()) request.headers.insert(header);  // an empty one removes it
  }
  request.body = body.dump();
  Reply reply;
  request.content_receiver = [&reply, &on_chunk](const char* data, std::size_t length, std::uint64_t, std::uint64_t) {
    reply.body.append(data, length);
    on_chunk(reply.body);
    return true;
  };
  const httplib::Result result = client.send(request);
  if (!result) return reply;
  reply.status = result->status;
  reply.headers = result->headers;
  return reply;
}

}  // namespace recorder_tests
