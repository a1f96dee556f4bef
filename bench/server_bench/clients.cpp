#include "bench/server_bench/clients.hpp"

#include <stdexcept>

#include "bench/server_bench/settings.hpp"
#include "bench/server_bench/text.hpp"

namespace server_bench {

httplib::Headers mock_headers() {
  return {{"Authorization", std::string("Bearer ") + k_api_key},
          {"OpenAI-Beta", "assistants=v2"}};
}

std::unique_ptr<httplib::Client> make_client(int port, const httplib::Headers& headers) {
  auto client = std::make_unique<httplib::Client>(k_host, port);
  client->set_keep_alive(true);
  client->set_tcp_nodelay(true);
  client->set_connection_timeout(2, 0);
  client->set_read_timeout(10, 0);
  client->set_write_timeout(10, 0);
  client->set_default_headers(headers);
  return client;
}

httplib::Result send(httplib::Client& client, const Call& call) {
  if (call.method == "POST") return client.Post(call.path, call.body, "application/json");
  return client.Get(call.path);
}

bool is_2xx(int status) { return status >= 200 && status < 300; }

Json setup_call(httplib::Client& client, const Call& call) {
  httplib::Result result = send(client, call);
  if (!result) {
    throw std::runtime_error(call.method + " " + call.path + ": " +
                             httplib::to_string(result.error()));
  }
  if (!is_2xx(result->status)) {
    throw std::runtime_error(call.method + " " + call.path + ": HTTP " +
                             std::to_string(result->status) + " " + truncated(result->body, 300));
  }
  return Json::parse(result->body);
}

}  // namespace server_bench
