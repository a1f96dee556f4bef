// tool_resources on assistants and threads, and message attachments: the files and
// vector stores named must exist, and the vector_stores helper creates a store.
#include <gtest/gtest.h>

#include <string>

#include "tests/files/files_fixture.hpp"
#include "tests/support/api_expect.hpp"

namespace tests::files {
namespace {
using support::expect_error;

class ToolResourcesApi : public ::testing::Test {
protected:
  std::string file(const std::string& content = "text") {
    return upload_id(server.port(), "doc.txt", content);
  }
  std::size_t vector_store_count() {
    return client.get("/v1/vector_stores").json["data"].size();
  }

  support::TestServer server{manual_config()};
  support::ApiClient client = server.client();
};

TEST_F(ToolResourcesApi, AssistantFilesAndStoresMustExist) {
  const std::string f = file();
  const std::string vs = client.post("/v1/vector_stores", Json::object()).id();
  const ApiResult ok = client.post(
      "/v1/assistants", Json{{"model", "gpt-4o"},
                             {"tool_resources", {{"code_interpreter", {{"file_ids", {f}}}},
                                                 {"file_search", {{"vector_store_ids", {vs}}}}}}});
  ASSERT_EQ(ok.status, 200) << support::describe(ok);
  EXPECT_EQ(ok.json["tool_resources"]["code_interpreter"]["file_ids"], (Json{f}));
  EXPECT_EQ(ok.json["tool_resources"]["file_search"]["vector_store_ids"], (Json{vs}));

  expect_error(client.post("/v1/assistants",
                           Json{{"model", "gpt-4o"},
                                {"tool_resources", {{"code_interpreter", {{"file_ids", {"file-gone"}}}}}}}),
               404, "No file found with id 'file-gone'.");
  expect_error(client.post("/v1/assistants",
                           Json{{"model", "gpt-4o"},
                                {"tool_resources", {{"file_search", {{"vector_store_ids", {"vs_gone"}}}}}}}),
               404, "No vector store found with id 'vs_gone'.");
  expect_error(client.post("/v1/assistants/" + ok.id(),
                           Json{{"tool_resources", {{"file_search", {{"vector_store_ids", {"vs_gone"}}}}}}}),
               404, "No vector store found with id 'vs_gone'.");
  EXPECT_EQ(client.get("/v1/assistants/" + ok.id()).json["tool_resources"]["file_search"]["vector_store_ids"],
            (Json{vs}))
      << "a refused modify changes nothing";
}

TEST_F(ToolResourcesApi, VectorStoresHelperCreatesAStoreOnAssistantCreate) {
  const std::string f = file("hello");
  const ApiResult created = client.post(
      "/v1/assistants",
      Json{{"model", "gpt-4o"},
           {"tool_resources",
            {{"file_search", {{"vector_stores", Json::array({Json{{"file_ids", {f}}, {"metadata", {{"made", "helper"}}}}})}}}}}});
  ASSERT_EQ(created.status, 200) << support::describe(created);
  const Json& search = created.json["tool_resources"]["file_search"];
  EXPECT_FALSE(search.contains("vector_stores"));
  ASSERT_EQ(search["vector_store_ids"].size(), 1U);
  const std::string vs = search["vector_store_ids"][0];
  const Json store = client.get("/v1/vector_stores/" + vs).json;
  EXPECT_EQ(store["metadata"], (Json{{"made", "helper"}}));
  EXPECT_EQ(store["file_counts"]["total"], 1);
  server.server().services().clock.advance_ms(10);
  EXPECT_EQ(client.get("/v1/vector_stores/" + vs + "/files/" + f).json["status"], "completed");

  expect_error(client.post("/v1/assistants",
                           Json{{"model", "gpt-4o"},
                                {"tool_resources",
                                 {{"file_search", {{"vector_stores", Json::array({Json{{"file_ids", {"file-gone"}}}})}}}}}}),
               404, "No file found with id 'file-gone'.");
  EXPECT_EQ(vector_store_count(), 1U) << "nothing is created when a file is missing";
  const ApiResult both = client.post(
      "/v1/assistants",
      Json{{"model", "gpt-4o"},
           {"tool_resources",
            {{"file_search", {{"vector_store_ids", {vs}}, {"vector_stores", Json::array({Json::object()})}}}}}});
  EXPECT_EQ(both.status, 400) << support::describe(both);
  EXPECT_EQ(client.post("/v1/assistants/" + created.id(),
                        Json{{"tool_resources",
                              {{"file_search", {{"vector_stores", Json::array({Json::object()})}}}}}})
                .status,
            400)
      << "modify takes ids only";
}

TEST_F(ToolResourcesApi, ThreadsCheckResourcesAndAttachments) {
  const std::string f = file();
  const ApiResult thread = client.post(
      "/v1/threads",
      Json{{"messages", Json::array({Json{{"role", "user"},
                                          {"content", "see file"},
                                          {"attachments", Json::array({Json{{"file_id", f},
                                                                            {"tools", Json::array({Json{{"type", "file_search"}}})}}})}}})},
           {"tool_resources",
            {{"code_interpreter", {{"file_ids", {f}}}},
             {"file_search", {{"vector_stores", Json::array({Json{{"file_ids", {f}}}})}}}}}});
  ASSERT_EQ(thread.status, 200) << support::describe(thread);
  EXPECT_EQ(thread.json["tool_resources"]["file_search"]["vector_store_ids"].size(), 1U);
  EXPECT_EQ(vector_store_count(), 1U);

  expect_error(client.post("/v1/threads",
                           Json{{"messages", Json::array({Json{{"role", "user"},
                                                               {"content", "x"},
                                                               {"attachments", Json::array({Json{{"file_id", "file-gone"}}})}}})},
                                {"tool_resources",
                                 {{"file_search", {{"vector_stores", Json::array({Json{{"file_ids", {f}}}})}}}}}}),
               404, "No file found with id 'file-gone'.");
  EXPECT_EQ(vector_store_count(), 1U) << "no helper store for a refused thread";
  EXPECT_EQ(client.get("/__admin/state").json["threads"].size(), 1U);

  expect_error(client.post("/v1/threads/" + thread.id(),
                           Json{{"tool_resources", {{"code_interpreter", {{"file_ids", {"file-gone"}}}}}}}),
               404, "No file found with id 'file-gone'.");
}

TEST_F(ToolResourcesApi, MessageAttachmentsMustExist) {
  const std::string f = file();
  const std::string thread = client.post("/v1/threads", Json::object()).id();
  const std::string path = "/v1/threads/" + thread + "/messages";
  const ApiResult ok = client.post(
      path, Json{{"role", "user"},
                 {"content", "look"},
                 {"attachments", Json::array({Json{{"file_id", f}, {"tools", Json::array({Json{{"type", "code_interpreter"}}})}}})}});
  ASSERT_EQ(ok.status, 200) << support::describe(ok);
  EXPECT_EQ(ok.json["attachments"][0]["file_id"], f);
  expect_error(client.post(path, Json{{"role", "user"},
                                      {"content", "look"},
                                      {"attachments", Json::array({Json{{"file_id", "file-gone"}}})}}),
               404, "No file found with id 'file-gone'.");
  EXPECT_EQ(client.get(path).json["data"].size(), 1U);
}

TEST_F(ToolResourcesApi, ThreadAndRunCreatesTheThreadsHelperStore) {
  const std::string f = file();
  const std::string assistant = client.post("/v1/assistants", Json{{"model", "gpt-4o"}}).id();
  const ApiResult run = client.post(
      "/v1/threads/runs",
      Json{{"assistant_id", assistant},
           {"thread", {{"messages", Json::array({Json{{"role", "user"}, {"content", "hi"}}})},
                       {"tool_resources",
                        {{"file_search", {{"vector_stores", Json::array({Json{{"file_ids", {f}}}})}}}}}}}});
  ASSERT_EQ(run.status, 200) << support::describe(run);
  const Json thread = client.get("/v1/threads/" + run.json["thread_id"].get<std::string>()).json;
  ASSERT_EQ(thread["tool_resources"]["file_search"]["vector_store_ids"].size(), 1U);
  EXPECT_EQ(vector_store_count(), 1U);
}

}  // namespace
}  // namespace tests::files
