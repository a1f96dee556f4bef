// The mock under contract, v2 files and vector stores: every endpoint is called and every
// answer must follow the built-in v2 schemas. The last test shows the tours together reach
// every v2 endpoint of the table.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "contracts/endpoint_map.hpp"
#include "tests/contracts/support/contract_client.hpp"
#include "tests/contracts/support/mock_fixture.hpp"

namespace contracts::testing {
namespace {

TEST(MockContractV2, FilesAnswerInShape) {
  RunningMock mock;
  ContractClient api(mock.port(), ApiVersion::v2);
  const Answer file = api.upload("notes.txt", "x = 1", "assistants");
  ASSERT_EQ(file.status, 200) << file.body;
  api.get("/v1/files");
  api.get("/v1/files?purpose=assistants&limit=1");
  api.get("/v1/files/" + file.id());
  api.del("/v1/files/" + file.id());
  EXPECT_EQ(api.get("/v1/files/" + file.id()).status, 404);
  EXPECT_THAT(api.uncovered("/v1/files"), ::testing::IsEmpty()) << "not called, or not in shape";
}

TEST(MockContractV2, VectorStoresAnswerInShape) {
  // A manual clock holds ingestion in progress, so the batch can still be cancelled.
  RunningMock mock(/*manual_clock=*/true);
  ContractClient api(mock.port(), ApiVersion::v2);
  const Answer first = api.upload("notes.txt", "x = 1", "assistants", /*checked=*/false);
  const Answer second = api.upload("more.txt", "y = 2", "assistants", /*checked=*/false);
  const Answer third = api.upload("last.txt", "z = 3", "assistants", /*checked=*/false);
  ASSERT_EQ(third.status, 200) << third.body;

  const Answer store = api.post("/v1/vector_stores", {{"name", "notes"}, {"file_ids", {first.id()}},
                                                      {"expires_after", {{"anchor", "last_active_at"}, {"days", 7}}},
                                                      {"metadata", {{"k", "v"}}}});
  ASSERT_EQ(store.status, 200) << store.body;
  const std::string vs = "/v1/vector_stores/" + store.id();
  api.get("/v1/vector_stores");
  api.get(vs);
  api.post(vs, {{"name", "notes, renamed"}});
  api.post(vs + "/files", {{"file_id", second.id()},
                           {"chunking_strategy", {{"type", "static"},
                                                  {"static", {{"max_chunk_size_tokens", 400}, {"chunk_overlap_tokens", 100}}}}}});
  const Answer batch = api.post(vs + "/file_batches", {{"file_ids", {third.id()}}});
  ASSERT_EQ(batch.status, 200) << batch.body;
  api.get(vs + "/file_batches/" + batch.id());
  api.get(vs + "/file_batches/" + batch.id() + "/files");
  api.post(vs + "/file_batches/" + batch.id() + "/cancel");

  api.admin("POST", "/__admin/clock/advance", {{"seconds", 60}});
  api.get(vs + "/files");
  api.get(vs + "/files?filter=completed");
  api.get(vs + "/files/" + second.id());
  api.post(vs + "/files/" + second.id(), {{"attributes", {{"topic", "math"}, {"page", 2}, {"draft", false}}}});
  api.get(vs);
  api.del(vs + "/files/" + second.id());
  api.del(vs);
  EXPECT_THAT(api.uncovered("/v1/vector_stores"), ::testing::IsEmpty()) << "not called, or not in shape";
}

// The v2 tours split the table by path; together they must reach all of it.
TEST(MockContractV2, TheToursTogetherCoverEveryV2Endpoint) {
  for (const std::string& endpoint : endpoints_with_schema(ApiVersion::v2)) {
    const std::string path = endpoint.substr(endpoint.find(' ') + 1);
    bool toured = false;
    for (const char* prefix : {"/v1/assistants", "/v1/threads", "/v1/files", "/v1/vector_stores"}) {
      toured = toured || path.rfind(prefix, 0) == 0;
    }
    EXPECT_TRUE(toured) << endpoint << " is in no tour";
  }
}

}  // namespace
}  // namespace contracts::testing
