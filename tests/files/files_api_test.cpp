// The Files endpoints over HTTP: multipart upload, retrieve, list, download, delete, the
// size limits (413), and a deleted file leaving every vector store.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "tests/files/files_fixture.hpp"
#include "tests/support/api_expect.hpp"

namespace tests::files {
namespace {
using support::expect_error;
using support::TestServer;

TEST(FilesApi, UploadRetrieveListDownloadDelete) {
  TestServer server(manual_config());
  support::ApiClient client = server.client();
  const std::string bytes("line one\nline two\0binary\xff", 25);
  const ApiResult uploaded = upload(server.port(), "notes.txt", bytes);
  ASSERT_EQ(uploaded.status, 200) << support::describe(uploaded);
  const Json& file = uploaded.json;
  const std::string id = file["id"];
  EXPECT_TRUE(std::regex_match(id, std::regex("file-[A-Za-z0-9]{24}"))) << id;
  std::vector<std::string> keys;
  for (const auto& [key, value] : file.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "object", "bytes", "created_at", "filename",
                                            "purpose", "status"}))
      << "optional fields the spec declares non-nullable are left out, not null";
  EXPECT_EQ(file["object"], "file");
  EXPECT_EQ(file["bytes"], 25);
  EXPECT_EQ(file["created_at"], mock::core::ManualClock::k_default_start_ms / 1000);
  EXPECT_EQ(file["filename"], "notes.txt");
  EXPECT_EQ(file["purpose"], "assistants");
  EXPECT_EQ(file["status"], "processed");

  const ApiResult retrieved = client.get("/v1/files/" + id);
  EXPECT_EQ(retrieved.status, 200);
  EXPECT_EQ(retrieved.json, file);

  const ApiResult content = client.get("/v1/files/" + id + "/content");
  EXPECT_EQ(content.status, 200);
  EXPECT_EQ(content.body, bytes) << "the bytes come back as uploaded";
  EXPECT_EQ(content.header("Content-Type"), "text/plain");

  const ApiResult listed = client.get("/v1/files");
  EXPECT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json["object"], "list");
  ASSERT_EQ(listed.json["data"].size(), 1U);
  EXPECT_EQ(listed.json["data"][0], file);
  EXPECT_EQ(listed.json["first_id"], id);
  EXPECT_EQ(listed.json["has_more"], false);

  const ApiResult deleted = client.del("/v1/files/" + id);
  EXPECT_EQ(deleted.status, 200);
  EXPECT_EQ(deleted.json, (Json{{"id", id}, {"object", "file"}, {"deleted", true}}));
  expect_error(client.get("/v1/files/" + id), 404, "No file found with id '" + id + "'.");
  expect_error(client.get("/v1/files/" + id + "/content"), 404, "No file found with id '" + id + "'.");
  expect_error(client.del("/v1/files/" + id), 404, "No file found with id '" + id + "'.");
  expect_error(client.get("/v1/files/undefined"), 400,
               "Invalid 'file_id': 'undefined'. Expected an ID that begins with 'file'.", "file_id",
               "invalid_value");
}

TEST(FilesApi, NeedTheKeyButNotTheBetaHeader) {
  TestServer server(manual_config());
  support::ApiClient client = server.client();
  client.set_beta(std::nullopt);
  EXPECT_EQ(upload(server.port(), "a.txt", "a").status, 200);
  EXPECT_EQ(client.get("/v1/files").status, 200);
  EXPECT_EQ(upload(server.port(), "a.txt", "a", "assistants", {}, std::nullopt).status, 401);
  client.set_api_key(std::nullopt);
  EXPECT_EQ(client.get("/v1/files").status, 401);
}

TEST(FilesApi, AV1ClientSeesTheDecember2023Shapes) {
  TestServer server(manual_config());
  support::ApiClient v1 = server.client();
  v1.set_beta("assistants=v1");
  const ApiResult expiring = upload(server.port(), "a.txt", "abc", "assistants",
                                    {{"expires_after[anchor]", "created_at"},
                                     {"expires_after[seconds]", "3600"}});
  ASSERT_EQ(expiring.status, 200) << support::describe(expiring);
  const std::string id = expiring.json["id"];
  const ApiResult file = v1.get("/v1/files/" + id);
  ASSERT_EQ(file.status, 200);
  EXPECT_FALSE(file.json.contains("expires_at"));
  EXPECT_EQ(file.json["status"], "processed");
  const ApiResult list = v1.get("/v1/files?purpose=assistants");
  EXPECT_EQ(list.json, (Json{{"object", "list"}, {"data", Json::array({file.json})}}));
  EXPECT_TRUE(server.client().get("/v1/files/" + id).json.contains("expires_at")) << "v2 shows it";
}

TEST(FilesApi, UploadErrorsUseTheServiceWording) {
  TestServer server(manual_config());
  expect_error(upload(server.port(), "a.txt", "a", ""), 400,
               "Missing required parameter: 'purpose'.", "purpose", "missing_required_parameter");
  expect_error(upload(server.port(), "a.txt", "a", "retrieval"), 400,
               "Invalid value: 'retrieval'. Supported values are: 'assistants', 'batch', "
               "'fine-tune', 'vision', 'user_data', and 'evals'.",
               "purpose", "invalid_value");
  const ApiResult json_body = server.client().post("/v1/files", Json{{"purpose", "assistants"}});
  EXPECT_EQ(json_body.status, 400) << support::describe(json_body);
  const ApiResult expiring = upload(server.port(), "b.jsonl", "{}", "batch",
                                    {{"expires_after[anchor]", "created_at"},
                                     {"expires_after[seconds]", "3600"}});
  ASSERT_EQ(expiring.status, 200) << support::describe(expiring);
  EXPECT_EQ(expiring.json["expires_at"], expiring.json["created_at"].get<std::int64_t>() + 3600);
}

TEST(FilesApi, LimitsAnswer413AndFreedSpaceIsReused) {
  mock::MockServerConfig config = manual_config();
  config.file_limits = mock::files::FileLimits{1000, 1500};
  config.http.max_body_bytes = 4096;
  TestServer server(config);
  expect_error(upload(server.port(), "big.bin", std::string(1001, 'x')), 413,
               "File too large: 'big.bin' is 1001 bytes, and this server keeps files of at most "
               "1000 bytes (--max-file-bytes).",
               std::nullopt, "file_too_large");
  const std::string first = upload_id(server.port(), "one.bin", std::string(800, 'x'));
  const ApiResult full = upload(server.port(), "two.bin", std::string(800, 'x'));
  EXPECT_EQ(full.status, 413) << support::describe(full);
  EXPECT_EQ(full.error_object()["code"], "file_storage_limit_exceeded");
  EXPECT_EQ(server.client().del("/v1/files/" + first).status, 200);
  EXPECT_EQ(upload(server.port(), "two.bin", std::string(800, 'x')).status, 200);
  const ApiResult over_body = upload(server.port(), "huge.bin", std::string(5000, 'x'));
  EXPECT_EQ(over_body.status, 413) << "bodies over --max-body-bytes are refused unread";
  EXPECT_EQ(over_body.error_object()["code"], "request_too_large");
}

TEST(FilesApi, ListFiltersByPurposeAndPages) {
  TestServer server(manual_config());
  support::ApiClient client = server.client();
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(upload_id(server.port(), "f" + std::to_string(i) + ".txt", "x",
                            i % 2 == 0 ? "assistants" : "batch"));
  }
  const ApiResult assistants = client.get("/v1/files?purpose=assistants&order=asc");
  ASSERT_EQ(assistants.json["data"].size(), 3U);
  EXPECT_EQ(assistants.json["data"][0]["id"], ids[0]);
  EXPECT_EQ(assistants.json["data"][2]["id"], ids[4]);

  const ApiResult first = client.get("/v1/files?limit=2");
  ASSERT_EQ(first.json["data"].size(), 2U);
  EXPECT_EQ(first.json["data"][0]["id"], ids[4]) << "newest first by default";
  EXPECT_EQ(first.json["has_more"], true);
  const ApiResult second =
      client.get("/v1/files?limit=2&after=" + first.json["last_id"].get<std::string>());
  ASSERT_EQ(second.json["data"].size(), 2U);
  EXPECT_EQ(second.json["data"][0]["id"], ids[2]);
  const ApiResult last =
      client.get("/v1/files?limit=2&after=" + second.json["last_id"].get<std::string>());
  ASSERT_EQ(last.json["data"].size(), 1U);
  EXPECT_EQ(last.json["has_more"], false);
  expect_error(client.get("/v1/files?limit=0"), 400,
               "Invalid 'limit': integer below minimum value. Expected a value >= 1, but got 0 "
               "instead.",
               "limit", "integer_below_min_value");
}

TEST(FilesApi, DeletingAFileRemovesItFromEveryVectorStore) {
  TestServer server(manual_config());
  support::ApiClient client = server.client();
  const std::string kept = upload_id(server.port(), "kept.txt", "keep me");
  const std::string gone = upload_id(server.port(), "gone.txt", "delete me");
  const std::string one = client.post("/v1/vector_stores", Json{{"file_ids", {kept, gone}}}).id();
  const std::string two = client.post("/v1/vector_stores", Json::object()).id();
  ASSERT_EQ(client.post("/v1/vector_stores/" + two + "/files", Json{{"file_id", gone}}).status, 200);
  server.server().services().clock.advance_ms(10);

  ASSERT_EQ(client.del("/v1/files/" + gone).status, 200);
  const ApiResult store_one = client.get("/v1/vector_stores/" + one);
  EXPECT_EQ(store_one.json["file_counts"]["total"], 1);
  EXPECT_EQ(store_one.json["file_counts"]["completed"], 1);
  EXPECT_EQ(store_one.json["usage_bytes"], 7);
  const ApiResult files_one = client.get("/v1/vector_stores/" + one + "/files");
  ASSERT_EQ(files_one.json["data"].size(), 1U);
  EXPECT_EQ(files_one.json["data"][0]["id"], kept);
  EXPECT_EQ(client.get("/v1/vector_stores/" + two).json["file_counts"]["total"], 0);
  expect_error(client.get("/v1/vector_stores/" + two + "/files/" + gone), 404,
               "No vector store file found with id '" + gone + "'.");
}

TEST(FilesApi, ResetForgetsFilesAndAdminStateShowsThem) {
  TestServer server(manual_config());
  const std::string id = upload_id(server.port(), "a.txt", "abc");
  support::ApiClient admin = server.client();
  const ApiResult state = admin.get("/__admin/state");
  ASSERT_EQ(state.status, 200);
  ASSERT_EQ(state.json["files"].size(), 1U);
  EXPECT_EQ(state.json["files"][0]["id"], id);
  EXPECT_TRUE(state.json.contains("assistants")) << "the Assistants state is still there";
  EXPECT_EQ(admin.post("/__admin/reset").status, 200);
  EXPECT_EQ(admin.get("/v1/files/" + id).status, 404);
  EXPECT_EQ(admin.get("/__admin/state").json["files"], Json::array());
}

}  // namespace
}  // namespace tests::files
