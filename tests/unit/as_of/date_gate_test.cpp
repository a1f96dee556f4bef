#include "mock/as_of/date_gate.hpp"

#include <gtest/gtest.h>

namespace mock::as_of {
namespace {

http::ApiRequest request(const std::string& method, const std::string& path,
                         const std::string& beta = "assistants=v2") {
  http::ApiRequest out;
  out.method = method;
  out.path = path;
  out.headers.emplace("Authorization", "Bearer sk-test");
  if (!beta.empty()) out.headers.emplace("OpenAI-Beta", beta);
  return out;
}

timeline::CalendarDate day(const char* text) { return *timeline::parse_date(text); }

// The exact body the issue asks for after the sunset.
TEST(DateGate, AfterTheSunsetEveryAssistantsRouteIsAnUnknownRoute) {
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"POST", "/v1/assistants"},
           {"GET", "/v1/assistants/asst_1/files"},
           {"DELETE", "/v1/assistants/asst_1"},
           {"POST", "/v1/threads"},
           {"POST", "/v1/threads/runs"},
           {"GET", "/v1/threads/thread_1/messages"},
           {"POST", "/v1/threads/thread_1/runs/run_1/submit_tool_outputs"},
           {"GET", "/v1/threads/thread_1/runs/run_1/steps/step_1"},
           {"PUT", "/v1/assistants"}}) {
    const auto refusal = refusal_on(request(method, path), day("2026-08-26"), std::nullopt);
    ASSERT_TRUE(refusal.has_value()) << method << " " << path;
    EXPECT_EQ(refusal->status(), 404);
    EXPECT_EQ(refusal->envelope().dump(),
              R"x({"error":{"message":"Invalid URL ()x" + method + " " + path +
                  R"x()","type":"invalid_request_error","param":null,"code":null}})x");
  }
}

TEST(DateGate, AfterTheSunsetFilesVectorStoresAndTheNewApiPass) {
  for (const char* path : {"/v1/files", "/v1/vector_stores", "/v1/vector_stores/vs_1/files",
                           "/v1/responses", "/v1/conversations/conv_1/items", "/v1/models"}) {
    EXPECT_FALSE(refusal_on(request("GET", path), day("2026-09-01"), std::nullopt).has_value()) << path;
  }
  EXPECT_FALSE(refusal_on(request("GET", "/v1/assistants"), day("2026-08-25"), std::nullopt).has_value());
}

TEST(DateGate, BeforeTheirLaunchTheSurfacesAreUnknownRoutes) {
  const auto status_on = [](const char* path, const char* date) {
    const auto refusal = refusal_on(request("POST", path, "assistants=v1"), day(date), std::nullopt);
    return refusal ? refusal->status() : 200;
  };
  EXPECT_EQ(status_on("/v1/assistants", "2023-11-05"), 404);
  EXPECT_EQ(status_on("/v1/assistants", "2023-11-06"), 200);
  EXPECT_EQ(status_on("/v1/vector_stores", "2024-04-16"), 404);
  EXPECT_EQ(status_on("/v1/responses", "2025-03-10"), 404);
  EXPECT_EQ(status_on("/v1/responses", "2025-03-11"), 200);
  EXPECT_EQ(status_on("/v1/conversations", "2025-08-20"), 404);
  EXPECT_EQ(status_on("/v1/conversations", "2025-08-21"), 200);
  EXPECT_EQ(status_on("/v1/files", "2023-01-01"), 200);
}

TEST(DateGate, V2BeforeItsLaunchIsInvalidBetaNamingV1) {
  for (const char* beta : {"assistants=v2", ""}) {
    const auto refusal = refusal_on(request("POST", "/v1/assistants", beta), day("2024-04-16"), std::nullopt);
    ASSERT_TRUE(refusal.has_value()) << beta;
    EXPECT_EQ(refusal->status(), 400);
    EXPECT_EQ(refusal->code(), "invalid_beta");
    EXPECT_NE(std::string(refusal->what()).find("'OpenAI-Beta: assistants=v1'"), std::string::npos);
  }
  EXPECT_FALSE(refusal_on(request("POST", "/v1/assistants", "assistants=v1"), day("2024-04-16"), std::nullopt));
  EXPECT_FALSE(refusal_on(request("POST", "/v1/assistants"), day("2024-04-17"), std::nullopt));
}

TEST(DateGate, V1AfterItsShutdownGetsTheServicesWords) {
  const auto refusal =
      refusal_on(request("GET", "/v1/threads/thread_1", "assistants=v1"), day("2025-01-01"), std::nullopt);
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal->status(), 400);
  EXPECT_EQ(refusal->envelope().dump(),
            R"({"error":{"message":"The v1 Assistants API has been deprecated. Please try again by setting the header 'OpenAI-Beta: assistants=v2'. See the migration guide for more information: https://platform.openai.com/docs/assistants/migration.","type":"invalid_request_error","param":null,"code":"invalid_beta"}})");
  EXPECT_FALSE(refusal_on(request("GET", "/v1/threads/thread_1"), day("2025-01-01"), std::nullopt));
  EXPECT_FALSE(refusal_on(request("GET", "/v1/threads/thread_1", "assistants=v1"), day("2024-12-17"), std::nullopt));
}

TEST(DateGate, V1RequestFieldsNotYetAcceptedAreUnknownParameters) {
  http::ApiRequest run = request("POST", "/v1/threads/thread_1/runs", "assistants=v1");
  run.body = R"({"assistant_id":"asst_1","stream":true})";
  const auto refusal = refusal_on(run, day("2024-03-26"), std::nullopt);
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal->envelope().dump(),
            R"({"error":{"message":"Unknown parameter: 'stream'.","type":"invalid_request_error","param":"stream","code":"unknown_parameter"}})");
  EXPECT_FALSE(refusal_on(run, day("2024-03-27"), std::nullopt).has_value());

  http::ApiRequest assistant = request("POST", "/v1/assistants/asst_1", "assistants=v1");
  assistant.body = R"({"top_p":0.5})";
  EXPECT_EQ(refusal_on(assistant, day("2024-04-14"), std::nullopt)->param(), "top_p");
  EXPECT_FALSE(refusal_on(assistant, day("2024-04-15"), std::nullopt).has_value());
  // Under v2 the same body is v2's business.
  assistant.headers.erase("OpenAI-Beta");
  assistant.headers.emplace("OpenAI-Beta", "assistants=v2");
  EXPECT_FALSE(refusal_on(assistant, day("2024-04-17"), std::nullopt).has_value());
}

TEST(DateGate, TheKeyIsCheckedBeforeTheBetaRefusal) {
  http::ApiRequest no_key = request("POST", "/v1/assistants", "assistants=v1");
  no_key.headers.clear();
  no_key.headers.emplace("OpenAI-Beta", "assistants=v1");
  try {
    (void)refusal_on(no_key, day("2025-01-01"), std::nullopt);
    FAIL() << "no 401";
  } catch (const http::ApiError& error) {
    EXPECT_EQ(error.status(), 401);
  }
}

}  // namespace
}  // namespace mock::as_of
