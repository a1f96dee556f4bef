#include "http/http_server.hpp"

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include <httplib.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/api_error.hpp"
#include "tests/support/wait.hpp"

namespace {
using mock::Json;
using mock::http::ApiError;
using mock::http::ApiRequest;
using mock::http::ApiResponse;
using mock::http::HttpServer;
using mock::http::HttpServerConfig;
using ::testing::ElementsAre;
using ::testing::Pair;

HttpServerConfig loopback_config() {
  HttpServerConfig config;
  config.host = "127.0.0.1";
  config.port = 0;
  config.threads = 4;
  config.read_timeout_seconds = 5;
  return config;
}

// Runs an HttpServer on a background thread for the duration of a test.
class RunningServer {
public:
  RunningServer(HttpServerConfig config, mock::http::Dispatch dispatch,
                mock::http::RequestObserver observer = {})
      : m_server(std::move(config), std::move(dispatch), std::move(observer)) {
    m_port = m_server.bind();
    m_thread = std::thread([this] { m_listen_result = m_server.listen(); });
    if (!tests::support::wait_until([this] { return m_server.is_running(); })) {
      throw std::runtime_error("server did not start");
    }
  }
  ~RunningServer() { stop(); }

  void stop() {
    m_server.stop();
    if (m_thread.joinable()) m_thread.join();
  }
  int port() const { return m_port; }
  HttpServer& server() { return m_server; }
  httplib::Client client() const {
    httplib::Client client("127.0.0.1", m_port);
    client.set_read_timeout(5, 0);
    return client;
  }

private:
  HttpServer m_server;
  int m_port = -1;
  std::atomic<bool> m_listen_result{false};
  std::thread m_thread;
};

ApiResponse echo_json(const Json& value) { return ApiResponse::json(value); }

TEST(HttpServer, BindToPortZeroGivesAnEphemeralPort) {
  HttpServer server(loopback_config(), [](ApiRequest&) { return ApiResponse{}; });
  const int port = server.bind();
  EXPECT_GT(port, 0);
  EXPECT_EQ(server.port(), port);
  EXPECT_EQ(server.bind(), port);  // binding twice is a no-op
  EXPECT_FALSE(server.is_running());
}

// A second server on a port that is already serving must fail to start; otherwise two mock
// servers with separate stores share the port and the kernel splits connections between them.
TEST(HttpServer, BindingAPortInUseThrowsNamingHostAndPort) {
  HttpServer first(loopback_config(), [](ApiRequest&) { return ApiResponse{}; });
  const int port = first.bind();
  HttpServerConfig config = loopback_config();
  config.port = port;
  HttpServer second(config, [](ApiRequest&) { return ApiResponse{}; });
  try {
    second.bind();
    FAIL() << "expected the second bind to fail";
  } catch (const std::runtime_error& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("127.0.0.1:" + std::to_string(port)));
  }
}

TEST(HttpServer, TurnsTheRequestIntoAnApiRequest) {
  std::mutex mutex;
  ApiRequest seen;
  RunningServer running(loopback_config(), [&](ApiRequest& request) {
    std::lock_guard lock(mutex);
    seen = request;
    return echo_json(Json{{"ok", true}});
  });
  auto client = running.client();
  const httplib::Headers headers = {{"X-Custom", "abc"}, {"OpenAI-Beta", "assistants=v2"}};
  const auto result = client.Post("/v1/things/t1?limit=5&order=asc&limit=7", headers,
                                  R"({"a":1})", "application/json");
  ASSERT_TRUE(result) << httplib::to_string(result.error());
  EXPECT_EQ(result->status, 200);

  std::lock_guard lock(mutex);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.path, "/v1/things/t1");  // without the query string
  EXPECT_EQ(seen.query_value("order"), "asc");
  EXPECT_EQ(seen.header("x-custom"), "abc");
  EXPECT_EQ(seen.header("openai-beta"), "assistants=v2");
  EXPECT_EQ(seen.body, R"({"a":1})");
  std::vector<std::string> limits;
  for (const auto& [key, value] : seen.query) {
    if (key == "limit") limits.push_back(value);
  }
  EXPECT_THAT(limits, ::testing::UnorderedElementsAre("5", "7"));
}

TEST(HttpServer, EveryMethodReachesTheDispatcher) {
  RunningServer running(loopback_config(), [](ApiRequest& request) {
    return echo_json(Json{{"method", request.method}});
  });
  auto client = running.client();
  EXPECT_EQ(Json::parse(client.Get("/x")->body)["method"], "GET");
  EXPECT_EQ(Json::parse(client.Post("/x", "{}", "application/json")->body)["method"], "POST");
  EXPECT_EQ(Json::parse(client.Delete("/x")->body)["method"], "DELETE");
  EXPECT_EQ(Json::parse(client.Put("/x", "{}", "application/json")->body)["method"], "PUT");
  EXPECT_EQ(Json::parse(client.Patch("/x", "{}", "application/json")->body)["method"], "PATCH");
}

TEST(HttpServer, WritesStatusHeadersAndBody) {
  RunningServer running(loopback_config(), [](ApiRequest&) {
    ApiResponse response = ApiResponse::json(Json{{"id", "x"}}, 201);
    response.headers.emplace("openai-poll-after-ms", "25");
    return response;
  });
  auto client = running.client();
  const auto result = client.Get("/anything");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 201);
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(result->get_header_value("openai-poll-after-ms"), "25");
  EXPECT_EQ(result->body, R"({"id":"x"})");
}

TEST(HttpServer, ApiErrorFromTheDispatcherBecomesTheEnvelope) {
  RunningServer running(loopback_config(), [](ApiRequest&) -> ApiResponse {
    throw mock::http::errors::not_found("assistant", "asst_x");
  });
  auto client = running.client();
  const auto result = client.Get("/v1/assistants/asst_x");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 404);
  EXPECT_EQ(Json::parse(result->body),
            (Json{{"error",
                   {{"message", "No assistant found with id 'asst_x'."},
                    {"type", "invalid_request_error"},
                    {"param", nullptr},
                    {"code", nullptr}}}}));
}

TEST(HttpServer, OtherExceptionsBecomeA500ServerError) {
  RunningServer running(loopback_config(), [](ApiRequest&) -> ApiResponse {
    throw std::runtime_error("boom");
  });
  auto client = running.client();
  const auto result = client.Get("/x");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 500);
  const Json error = Json::parse(result->body)["error"];
  EXPECT_EQ(error["type"], "server_error");
  EXPECT_THAT(error["message"].get<std::string>(), ::testing::HasSubstr("boom"));
}

TEST(HttpServer, BodyOverTheLimitIs413InTheEnvelope) {
  HttpServerConfig config = loopback_config();
  config.max_body_bytes = 1024;
  std::atomic<int> dispatched{0};
  RunningServer running(config, [&](ApiRequest&) {
    ++dispatched;
    return echo_json(Json::object());
  });
  auto client = running.client();
  const auto ok = client.Post("/x", std::string(1000, ' ') + "{}", "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);

  const auto result = client.Post("/x", "{\"a\":\"" + std::string(4096, 'x') + "\"}",
                                  "application/json");
  ASSERT_TRUE(result) << httplib::to_string(result.error());
  EXPECT_EQ(result->status, 413);
  EXPECT_EQ(Json::parse(result->body),
            (Json{{"error",
                   {{"message", "Request body too large."},
                    {"type", "invalid_request_error"},
                    {"param", nullptr},
                    {"code", "request_too_large"}}}}));
  EXPECT_EQ(dispatched.load(), 1);  // the large body never reached the dispatcher
}

TEST(HttpServer, OverlongRequestLineIs414InTheEnvelope) {
  RunningServer running(loopback_config(), [](ApiRequest&) { return echo_json(Json::object()); });
  auto client = running.client();
  const auto result = client.Get("/" + std::string(10'000, 'a'));
  ASSERT_TRUE(result) << httplib::to_string(result.error());
  EXPECT_EQ(result->status, 414);
  const Json error = Json::parse(result->body)["error"];
  EXPECT_EQ(error["message"], "Request URI too long.");
  EXPECT_EQ(error["type"], "invalid_request_error");
}

TEST(HttpServer, ObserverSeesEveryRequestAndResponse) {
  std::mutex mutex;
  std::vector<std::pair<std::string, int>> seen;
  RunningServer running(
      loopback_config(),
      [](ApiRequest& request) {
        return ApiResponse::json(Json::object(), request.path == "/missing" ? 404 : 200);
      },
      [&](const ApiRequest& request, const ApiResponse& response, double elapsed_ms) {
        std::lock_guard lock(mutex);
        EXPECT_GE(elapsed_ms, 0.0);
        seen.emplace_back(request.path, response.status);
      });
  auto client = running.client();
  ASSERT_TRUE(client.Get("/a"));
  ASSERT_TRUE(client.Get("/missing"));
  std::lock_guard lock(mutex);
  EXPECT_THAT(seen, ElementsAre(Pair("/a", 200), Pair("/missing", 404)));
}

TEST(HttpServer, StopEndsListenAndFreesThePort) {
  auto running = std::make_unique<RunningServer>(
      loopback_config(), [](ApiRequest&) { return echo_json(Json::object()); });
  const int port = running->port();
  ASSERT_TRUE(running->client().Get("/x"));
  running->stop();  // joins the listening thread: listen() returned
  EXPECT_FALSE(running->server().is_running());
  running.reset();

  HttpServerConfig config = loopback_config();
  config.port = port;
  RunningServer again(config, [](ApiRequest&) { return echo_json(Json{{"again", true}}); });
  const auto result = again.client().Get("/x");
  ASSERT_TRUE(result);
  EXPECT_EQ(Json::parse(result->body)["again"], true);
}

TEST(HttpServer, StopBeforeListenIsHarmless) {
  HttpServer server(loopback_config(), [](ApiRequest&) { return ApiResponse{}; });
  server.bind();
  server.stop();
  EXPECT_FALSE(server.is_running());
}

TEST(HttpServer, ManyConcurrentClientsAreServed) {
  HttpServerConfig config = loopback_config();
  config.threads = 8;
  std::atomic<int> count{0};
  RunningServer running(config, [&](ApiRequest&) {
    ++count;
    return echo_json(Json{{"ok", true}});
  });
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      auto client = running.client();
      client.set_keep_alive(true);
      for (int i = 0; i < 50; ++i) {
        const auto result = client.Get("/x");
        if (!result || result->status != 200) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(count.load(), 400);
}

// The URL printed and written to --port-file must be one fetch and curl accept.
TEST(BaseUrl, PutsAnIpv6AddressInBrackets) {
  EXPECT_EQ(mock::http::base_url("127.0.0.1", 4010), "http://127.0.0.1:4010");
  EXPECT_EQ(mock::http::base_url("localhost", 80), "http://localhost:80");
  EXPECT_EQ(mock::http::base_url("::1", 4010), "http://[::1]:4010");
  EXPECT_EQ(mock::http::base_url("::", 9), "http://[::]:9");
  EXPECT_EQ(mock::http::base_url("[::1]", 9), "http://[::1]:9") << "already bracketed";
  EXPECT_EQ(mock::http::base_url("fe80::1%eth0", 9), "http://[fe80::1%25eth0]:9");
}

TEST(BaseUrl, IsTheBoundPortOnAnIpv6Loopback) {
  HttpServerConfig config = loopback_config();
  config.host = "::1";
  HttpServer server(config, [](ApiRequest&) { return ApiResponse::json(Json{{"ok", true}}); });
  int port = 0;
  try {
    port = server.bind();
  } catch (const std::runtime_error&) {
    GTEST_SKIP() << "no IPv6 loopback on this machine";
  }
  EXPECT_EQ(server.base_url(), "http://[::1]:" + std::to_string(port));
}

}  // namespace
