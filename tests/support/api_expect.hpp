#pragma once
// Assertions and small flows shared by the integration tests.
#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "http/json.hpp"
#include "tests/support/api_client.hpp"
#include "tests/support/wait.hpp"

namespace tests::support {

// The answer is exactly {"error": {"message", "type", "param", "code"}} with these values.
inline void expect_error(const ApiResult& result, int status, const std::string& message,
                         const std::optional<std::string>& param = std::nullopt,
                         const std::optional<std::string>& code = std::nullopt,
                         const std::string& type = "invalid_request_error") {
  EXPECT_EQ(result.status, status) << describe(result);
  ASSERT_TRUE(result.json.is_object()) << describe(result);
  ASSERT_EQ(result.json.size(), 1U) << describe(result);
  const mock::Json& error = result.error_object();
  ASSERT_TRUE(error.is_object()) << describe(result);
  std::set<std::string> keys;
  for (const auto& [key, value] : error.items()) keys.insert(key);
  EXPECT_EQ(keys, (std::set<std::string>{"message", "type", "param", "code"})) << describe(result);
  const mock::Json missing = "(missing)";
  EXPECT_EQ(error.value("message", ""), message);
  EXPECT_EQ(error.value("type", ""), type);
  EXPECT_EQ(error.value("param", missing), param ? mock::Json(*param) : mock::Json(nullptr))
      << describe(result);
  EXPECT_EQ(error.value("code", missing), code ? mock::Json(*code) : mock::Json(nullptr))
      << describe(result);
}

// POSTs and requires a 200; returns the body.
inline mock::Json post_ok(ApiClient& client, const std::string& path,
                          const mock::Json& body = mock::Json::object()) {
  const ApiResult result = client.post(path, body);
  EXPECT_EQ(result.status, 200) << "POST " << path << ": " << describe(result);
  return result.json;
}
inline mock::Json get_ok(ApiClient& client, const std::string& path) {
  const ApiResult result = client.get(path);
  EXPECT_EQ(result.status, 200) << "GET " << path << ": " << describe(result);
  return result.json;
}

inline std::string create_assistant(ApiClient& client,
                                    const mock::Json& body = mock::Json{{"model", "gpt-4o"}}) {
  return post_ok(client, "/v1/assistants", body).value("id", "");
}
inline std::string create_thread(ApiClient& client,
                                 const mock::Json& body = mock::Json::object()) {
  return post_ok(client, "/v1/threads", body).value("id", "");
}
inline std::string add_user_message(ApiClient& client, const std::string& thread_id,
                                    const std::string& text) {
  return post_ok(client, "/v1/threads/" + thread_id + "/messages",
                 mock::Json{{"role", "user"}, {"content", text}})
      .value("id", "");
}

// Polls a run until `done` holds for it (bounded; no fixed sleeps). Returns the last run seen.
inline mock::Json poll_run(ApiClient& client, const std::string& thread_id,
                           const std::string& run_id,
                           const std::function<bool(const mock::Json&)>& done,
                           std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  mock::Json last;
  const bool reached = wait_until(
      [&] {
        const ApiResult result = client.get("/v1/threads/" + thread_id + "/runs/" + run_id);
        if (result.status != 200) return false;
        last = result.json;
        return done(last);
      },
      timeout);
  EXPECT_TRUE(reached) << "run " << run_id << " never reached the wanted state; last seen: "
                       << last.dump();
  return last;
}

inline bool has_status(const mock::Json& run, const char* status) {
  return run.value("status", "") == status;
}

}  // namespace tests::support
