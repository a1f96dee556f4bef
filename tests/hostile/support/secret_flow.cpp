#include "tests/hostile/support/secret_flow.hpp"

#include <chrono>
#include <thread>

#include <httplib.h>

#include "http/json.hpp"

namespace hostile {
namespace {
using mock::Json;

class SecretClient {
public:
  SecretClient(int port, const SecretValues& secrets, FlowResult& result)
      : m_client("127.0.0.1", port), m_secrets(secrets), m_result(result) {
    m_client.set_read_timeout(20, 0);
    m_client.set_tcp_nodelay(true);
  }

  // Sends with every secret attached; returns the parsed body (null if not JSON).
  Json call(const std::string& step, const std::string& method, const std::string& path,
            const std::string& body = "", const std::string& content_type = "application/json",
            int expected = 200, const std::string& key = "") {
    httplib::Request request;
    request.method = method;
    request.path = path;
    request.headers = {{"Authorization", "Bearer " + (key.empty() ? m_secrets.api_key : key)},
                       {"OpenAI-Organization", m_secrets.organization},
                       {"OpenAI-Project", m_secrets.project},
                       {"Cookie", m_secrets.cookie},
                       {"OpenAI-Beta", "assistants=v2"}};
    if (method == "POST") {
      request.headers.emplace("Content-Type", content_type);
      request.body = body;
    }
    const httplib::Result answer = m_client.send(request);
    if (!answer) {
      m_result.failures.push_back(step + ": no answer (" + httplib::to_string(answer.error()) + ")");
      return nullptr;
    }
    m_result.transcript += step + ": " + std::to_string(answer->status) + "\n";
    for (const auto& [name, value] : answer->headers) m_result.transcript += name + ": " + value + "\n";
    m_result.transcript += answer->body + "\n\n";
    if (answer->status != expected) {
      m_result.failures.push_back(step + ": " + std::to_string(answer->status) + " " + answer->body.substr(0, 300));
    }
    Json parsed = Json::parse(answer->body, nullptr, /*allow_exceptions=*/false);
    return parsed.is_discarded() ? Json(nullptr) : parsed;
  }

private:
  httplib::Client m_client;
  const SecretValues& m_secrets;
  FlowResult& m_result;
};

std::string multipart_upload() {
  const std::string boundary = "hostile-fixed-boundary";
  return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--" + boundary +
         "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\n"
         "notes for the assistant\r\n--" +
         boundary + "--\r\n";
}
}  // namespace

FlowResult run_secret_flow(int port, const SecretValues& secrets) {
  FlowResult result;
  SecretClient client(port, secrets, result);
  const Json assistant =
      client.call("create assistant", "POST", "/v1/assistants", R"({"model":"gpt-4o","name":"Secret keeper"})");
  const std::string assistant_id = assistant.is_object() ? assistant.value("id", "") : "";
  const Json thread = client.call("create thread", "POST", "/v1/threads",
                                  R"({"messages":[{"role":"user","content":"hello"}]})");
  const std::string thread_id = thread.is_object() ? thread.value("id", "") : "";
  const Json run = client.call("create run", "POST", "/v1/threads/" + thread_id + "/runs",
                               Json{{"assistant_id", assistant_id}}.dump());
  const std::string run_id = run.is_object() ? run.value("id", "") : "";
  for (int poll = 0; poll < 200; ++poll) {
    const Json seen = client.call("poll run", "GET", "/v1/threads/" + thread_id + "/runs/" + run_id);
    if (!seen.is_object() || seen.value("status", "") == "completed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  client.call("list messages", "GET", "/v1/threads/" + thread_id + "/messages");
  client.call("stream run", "POST", "/v1/threads/runs",
              Json{{"assistant_id", assistant_id},
                   {"stream", true},
                   {"thread", {{"messages", Json::array({Json{{"role", "user"}, {"content", "stream it"}}})}}}}
                  .dump());
  client.call("upload file", "POST", "/v1/files", multipart_upload(),
              "multipart/form-data; boundary=hostile-fixed-boundary");
  client.call("key in query", "GET", "/v1/assistants?limit=2&api_key=" + secrets.api_key);
  client.call("missing assistant", "GET", "/v1/assistants/asst_doesnotexist", "", "", 404);
  client.call("bad json", "POST", "/v1/assistants", "{oops", "application/json", 400);
  client.call("wrong key", "GET", "/v1/assistants", "", "", 401, secrets.wrong_key);
  return result;
}

std::vector<std::string> leaks_in(const std::string& text, const SecretValues& secrets) {
  std::vector<std::string> found;
  for (const std::string& needle : secrets.needles()) {
    const std::size_t at = text.find(needle);
    if (at == std::string::npos) continue;
    const std::size_t from = at < 80 ? 0 : at - 80;
    found.push_back(needle + " in: ..." + text.substr(from, 200) + "...");
  }
  return found;
}

}  // namespace hostile
