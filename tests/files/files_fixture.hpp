#pragma once
// In-process servers for the files and vector store tests, and multipart uploads with
// httplib's client (tests may use httplib as a client: tests/rules/architecture.txt).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>

#include "tests/support/api_client.hpp"
#include "tests/support/test_server.hpp"

namespace tests::files {

using mock::Json;
using support::ApiResult;

// A server on the manual clock (time moves only when a test says) with a 10 ms pace.
inline mock::MockServerConfig manual_config() {
  mock::MockServerConfig config = support::test_config();
  config.manual_clock = true;
  config.run_step_ms = 10;
  config.seed = 7;
  return config;
}

// POST /v1/files as multipart/form-data: a `file` part plus plain fields.
inline ApiResult upload(int port, const std::string& filename, const std::string& content,
                        const std::string& purpose = "assistants",
                        std::vector<std::pair<std::string, std::string>> fields = {},
                        std::optional<std::string> api_key = "sk-test") {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(10, 0);
  httplib::Headers headers;
  if (api_key) headers.emplace("Authorization", "Bearer " + *api_key);
  httplib::MultipartFormDataItems items;
  items.push_back({"file", content, filename, "application/octet-stream"});
  if (!purpose.empty()) items.push_back({"purpose", purpose, "", ""});
  for (auto& [name, value] : fields) items.push_back({name, value, "", ""});
  const auto result = client.Post("/v1/files", headers, items);
  ApiResult out;
  if (!result) {
    out.error = httplib::to_string(result.error());
    return out;
  }
  out.status = result->status;
  out.body = result->body;
  out.headers = result->headers;
  out.json = Json::parse(out.body, nullptr, false);
  if (out.json.is_discarded()) out.json = nullptr;
  return out;
}

// Uploads and returns the new file id, failing the test when the upload fails.
inline std::string upload_id(int port, const std::string& filename, const std::string& content,
                             const std::string& purpose = "assistants") {
  const ApiResult result = upload(port, filename, content, purpose);
  EXPECT_EQ(result.status, 200) << support::describe(result);
  return result.json.value("id", std::string());
}

}  // namespace tests::files
