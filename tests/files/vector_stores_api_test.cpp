// The vector store endpoints over HTTP on a manual clock: CRUD, files, batches moving
// in_progress -> completed lazily with time, cancel, filters, pagination, errors.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "tests/files/files_fixture.hpp"
#include "tests/support/api_expect.hpp"

namespace tests::files {
namespace {
using support::expect_error;

class VectorStoresApi : public ::testing::Test {
protected:
  void advance_ms(std::int64_t ms) { server.server().services().clock.advance_ms(ms); }
  std::string file(const std::string& content = "some text") {
    return upload_id(server.port(), "doc.txt", content);
  }

  support::TestServer server{manual_config()};
  support::ApiClient client = server.client();
};

TEST_F(VectorStoresApi, CreateWithFilesCompletesAfterThePace) {
  const std::string a = file("aaaa");
  const std::string b = file("bb");
  const ApiResult created = client.post(
      "/v1/vector_stores", Json{{"name", "Support FAQ"}, {"file_ids", {a, b}}, {"metadata", {{"k", "v"}}}});
  ASSERT_EQ(created.status, 200) << support::describe(created);
  const Json& store = created.json;
  EXPECT_TRUE(std::regex_match(store["id"].get<std::string>(), std::regex("vs_[A-Za-z0-9]{24}")));
  std::vector<std::string> keys;
  for (const auto& [key, value] : store.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "object", "created_at", "name", "usage_bytes",
                                            "file_counts", "status", "expires_at",
                                            "last_active_at", "metadata"}));
  EXPECT_EQ(store["object"], "vector_store");
  EXPECT_EQ(store["name"], "Support FAQ");
  EXPECT_EQ(store["status"], "in_progress");
  EXPECT_EQ(store["usage_bytes"], 0);
  EXPECT_EQ(store["file_counts"],
            (Json{{"in_progress", 2}, {"completed", 0}, {"failed", 0}, {"cancelled", 0}, {"total", 2}}));
  EXPECT_EQ(store["metadata"], (Json{{"k", "v"}}));
  EXPECT_TRUE(created.has_header("openai-poll-after-ms"));

  const std::string path = "/v1/vector_stores/" + created.id();
  advance_ms(9);
  EXPECT_EQ(client.get(path).json["status"], "in_progress");
  advance_ms(1);
  const Json done = client.get(path).json;
  EXPECT_EQ(done["status"], "completed");
  EXPECT_EQ(done["usage_bytes"], 6);
  EXPECT_EQ(done["file_counts"]["completed"], 2);

  const Json files = client.get(path + "/files?filter=completed&order=asc").json;
  ASSERT_EQ(files["data"].size(), 2U);
  const Json& first = files["data"][0];
  EXPECT_EQ(first["id"], a);
  EXPECT_EQ(first["object"], "vector_store.file");
  EXPECT_EQ(first["usage_bytes"], 4);
  EXPECT_EQ(first["vector_store_id"], created.id());
  EXPECT_EQ(first["status"], "completed");
  EXPECT_EQ(first["last_error"], nullptr);
  EXPECT_EQ(first["chunking_strategy"]["type"], "static");
  EXPECT_EQ(first["chunking_strategy"]["static"]["max_chunk_size_tokens"], 800);
  EXPECT_EQ(client.get(path + "/files?filter=in_progress").json["data"], Json::array());
}

TEST_F(VectorStoresApi, CrudListAndDelete) {
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(client.post("/v1/vector_stores", Json{{"name", "s" + std::to_string(i)}}).id());
  }
  const ApiResult page = client.get("/v1/vector_stores?limit=2&order=asc");
  ASSERT_EQ(page.json["data"].size(), 2U);
  EXPECT_EQ(page.json["data"][0]["id"], ids[0]);
  EXPECT_EQ(page.json["has_more"], true);
  const ApiResult rest =
      client.get("/v1/vector_stores?limit=2&order=asc&after=" + page.json["last_id"].get<std::string>());
  ASSERT_EQ(rest.json["data"].size(), 1U);
  EXPECT_EQ(rest.json["has_more"], false);

  const std::string path = "/v1/vector_stores/" + ids[1];
  const ApiResult modified = client.post(
      path, Json{{"name", "renamed"}, {"metadata", {{"a", "b"}}},
                 {"expires_after", {{"anchor", "last_active_at"}, {"days", 1}}}});
  ASSERT_EQ(modified.status, 200) << support::describe(modified);
  EXPECT_EQ(modified.json["name"], "renamed");
  EXPECT_EQ(modified.json["metadata"], (Json{{"a", "b"}}));
  EXPECT_EQ(modified.json["expires_after"], (Json{{"anchor", "last_active_at"}, {"days", 1}}));
  EXPECT_EQ(modified.json["expires_at"], modified.json["last_active_at"].get<std::int64_t>() + 86400);
  advance_ms(86400LL * 1000);
  EXPECT_EQ(client.get(path).json["status"], "expired");
  const ApiResult cleared = client.post(path, Json{{"expires_after", nullptr}});
  EXPECT_EQ(cleared.json["status"], "completed");
  EXPECT_FALSE(cleared.json.contains("expires_after"));

  const ApiResult deleted = client.del(path);
  EXPECT_EQ(deleted.json, (Json{{"id", ids[1]}, {"object", "vector_store.deleted"}, {"deleted", true}}));
  expect_error(client.get(path), 404, "No vector store found with id '" + ids[1] + "'.");
  expect_error(client.get("/v1/vector_stores/store_1"), 400,
               "Invalid 'vector_store_id': 'store_1'. Expected an ID that begins with 'vs'.",
               "vector_store_id", "invalid_value");
}

TEST_F(VectorStoresApi, FilesAttachUpdateAndDetach) {
  const std::string id = client.post("/v1/vector_stores", Json::object()).id();
  const std::string path = "/v1/vector_stores/" + id + "/files";
  const std::string f = file("hello vector store");
  expect_error(client.post(path, Json{{"file_id", "file-missing"}}), 404,
               "No file found with id 'file-missing'.");
  expect_error(client.post(path, Json::object()), 400, "Missing required parameter: 'file_id'.",
               "file_id", "missing_required_parameter");
  const ApiResult attached = client.post(
      path, Json{{"file_id", f},
                 {"attributes", {{"team", "docs"}}},
                 {"chunking_strategy",
                  {{"type", "static"}, {"static", {{"max_chunk_size_tokens", 1200}, {"chunk_overlap_tokens", 200}}}}}});
  ASSERT_EQ(attached.status, 200) << support::describe(attached);
  EXPECT_EQ(attached.json["status"], "in_progress");
  EXPECT_EQ(attached.json["attributes"], (Json{{"team", "docs"}}));
  EXPECT_EQ(attached.json["chunking_strategy"]["static"]["chunk_overlap_tokens"], 200);
  advance_ms(10);
  EXPECT_EQ(client.get(path + "/" + f).json["status"], "completed");

  const ApiResult updated = client.post(path + "/" + f, Json{{"attributes", {{"year", 2024}}}});
  EXPECT_EQ(updated.json["attributes"], (Json{{"year", 2024}}));
  expect_error(client.post(path + "/" + f, Json::object()), 400,
               "Missing required parameter: 'attributes'.", "attributes", "missing_required_parameter");

  const ApiResult content = client.get(path + "/" + f + "/content");
  ASSERT_EQ(content.status, 200);
  EXPECT_EQ(content.json["object"], "vector_store.file_content.page");
  EXPECT_EQ(content.json["data"][0]["text"], "hello vector store");

  const ApiResult detached = client.del(path + "/" + f);
  EXPECT_EQ(detached.json, (Json{{"id", f}, {"object", "vector_store.file.deleted"}, {"deleted", true}}));
  EXPECT_EQ(client.get("/v1/files/" + f).status, 200) << "detaching keeps the File";
  expect_error(client.get(path + "/" + f), 404, "No vector store file found with id '" + f + "'.");
  EXPECT_EQ(client.get("/v1/vector_stores/" + id).json["file_counts"]["total"], 0);
}

TEST_F(VectorStoresApi, BatchMovesToCompletedWithTime) {
  const std::string id = client.post("/v1/vector_stores", Json::object()).id();
  const std::string a = file("1");
  const std::string b = file("22");
  const std::string c = file("333");
  const ApiResult created = client.post("/v1/vector_stores/" + id + "/file_batches",
                                        Json{{"file_ids", {a, b, c}}, {"attributes", {{"k", "v"}}}});
  ASSERT_EQ(created.status, 200) << support::describe(created);
  const Json& batch = created.json;
  EXPECT_TRUE(std::regex_match(batch["id"].get<std::string>(), std::regex("vsfb_[A-Za-z0-9]{24}")));
  EXPECT_EQ(batch["object"], "vector_store.files_batch");
  EXPECT_EQ(batch["vector_store_id"], id);
  EXPECT_EQ(batch["status"], "in_progress");
  EXPECT_EQ(batch["file_counts"],
            (Json{{"in_progress", 3}, {"completed", 0}, {"failed", 0}, {"cancelled", 0}, {"total", 3}}));
  const std::string path = "/v1/vector_stores/" + id + "/file_batches/" + created.id();
  EXPECT_EQ(client.get(path + "/files").json["data"].size(), 3U);
  EXPECT_EQ(client.get(path).json["status"], "in_progress");

  advance_ms(10);
  const ApiResult done = client.get(path);
  EXPECT_EQ(done.json["status"], "completed");
  EXPECT_EQ(done.json["file_counts"]["completed"], 3);
  EXPECT_TRUE(done.has_header("openai-poll-after-ms"));
  const Json files = client.get(path + "/files?filter=completed&limit=2").json;
  EXPECT_EQ(files["data"].size(), 2U);
  EXPECT_EQ(files["has_more"], true);
  EXPECT_EQ(files["data"][0]["attributes"], (Json{{"k", "v"}}));
  const Json store = client.get("/v1/vector_stores/" + id).json;
  EXPECT_EQ(store["usage_bytes"], 6);
  EXPECT_EQ(store["file_counts"]["total"], 3);
  expect_error(client.post(path + "/cancel"), 400,
               "Cannot cancel vector store file batch with status 'completed'.");
}

TEST_F(VectorStoresApi, CancelStopsABatchInProgress) {
  const std::string id = client.post("/v1/vector_stores", Json::object()).id();
  const std::string batch =
      client.post("/v1/vector_stores/" + id + "/file_batches", Json{{"file_ids", {file(), file()}}}).id();
  const std::string path = "/v1/vector_stores/" + id + "/file_batches/" + batch;
  const ApiResult cancelled = client.post(path + "/cancel");
  ASSERT_EQ(cancelled.status, 200) << support::describe(cancelled);
  EXPECT_EQ(cancelled.json["status"], "cancelled");
  EXPECT_EQ(cancelled.json["file_counts"]["cancelled"], 2);
  advance_ms(100);
  EXPECT_EQ(client.get(path).json["status"], "cancelled");
  EXPECT_EQ(client.get(path + "/files?filter=cancelled").json["data"].size(), 2U);
  EXPECT_EQ(client.get("/v1/vector_stores/" + id).json["status"], "completed");
}

TEST_F(VectorStoresApi, BatchWithAMissingFileChangesNothing) {
  const std::string id = client.post("/v1/vector_stores", Json::object()).id();
  expect_error(client.post("/v1/vector_stores/" + id + "/file_batches",
                           Json{{"file_ids", {file(), "file-nope"}}}),
               404, "No file found with id 'file-nope'.");
  EXPECT_EQ(client.get("/v1/vector_stores/" + id).json["file_counts"]["total"], 0);
  expect_error(client.get("/v1/vector_stores/" + id + "/file_batches/vsfb_nope"), 404,
               "No vector store file batch found with id 'vsfb_nope'.");
}

TEST_F(VectorStoresApi, SearchIsRefusedClearly) {
  const std::string id = client.post("/v1/vector_stores", Json::object()).id();
  const ApiResult search = client.post("/v1/vector_stores/" + id + "/search", Json{{"query", "x"}});
  EXPECT_EQ(search.status, 400);
  EXPECT_EQ(search.error_object()["code"], "unsupported_by_mock");
  expect_error(client.post("/v1/vector_stores/vs_nope/search", Json{{"query", "x"}}), 404,
               "No vector store found with id 'vs_nope'.");
}

TEST_F(VectorStoresApi, NeedTheV2BetaHeader) {
  support::ApiClient bare = server.client();
  bare.set_beta(std::nullopt);
  const ApiResult missing = bare.get("/v1/vector_stores");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.error_object()["code"], "invalid_beta");
  bare.set_beta("assistants=v1");
  expect_error(bare.get("/v1/vector_stores"), 404, "Invalid URL (GET /v1/vector_stores)");
  bare.set_api_key(std::nullopt);
  bare.set_beta("assistants=v2");
  EXPECT_EQ(bare.get("/v1/vector_stores").status, 401);
}

TEST_F(VectorStoresApi, ValidationUsesTheServiceWording) {
  expect_error(client.post("/v1/vector_stores", Json{{"file_ids", "file-a"}}), 400,
               "Invalid type for 'file_ids': expected an array of strings, but got a string instead.",
               "file_ids", "invalid_type");
  expect_error(client.post("/v1/vector_stores", Json{{"file_ids", {"file-nope"}}}), 404,
               "No file found with id 'file-nope'.");
  EXPECT_EQ(client.get("/v1/vector_stores").json["data"], Json::array())
      << "a store with a missing file is not created";
  const std::string id = client.post("/v1/vector_stores", Json::object()).id();
  expect_error(client.get("/v1/vector_stores/" + id + "/files?filter=done"), 400,
               "Invalid value: 'done'. Supported values are: 'in_progress', 'completed', "
               "'failed', and 'cancelled'.",
               "filter", "invalid_value");
}

}  // namespace
}  // namespace tests::files
