// Lazy ingestion: files complete when due, counts of stores and batches follow every
// change, cancel and detach keep them right, a deleted File leaves every store.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "mock/vector_stores/ingestion.hpp"
#include "mock/vector_stores/wire.hpp"
#include "tests/support/api_error_matchers.hpp"

namespace {
using mock::Json;
using namespace mock::vector_stores;

constexpr std::int64_t k_t0 = 1'700'000'000'000;
constexpr std::int64_t k_pace = 10;

mock::files::StoredFile file_of(const std::string& id, std::size_t size) {
  mock::files::StoredFile file;
  file.id = id;
  file.content = std::make_shared<const std::string>(size, 'x');
  return file;
}

class Ingestion : public ::testing::Test {
protected:
  VectorStore& add_store(const std::string& id) {
    VectorStore store;
    store.id = id;
    return state.stores.insert(std::move(store));
  }
  FileBatch& add_batch(VectorStore& store, const std::string& id) {
    FileBatch batch;
    batch.id = id;
    batch.vector_store_id = store.id;
    return store.batches.insert(std::move(batch));
  }
  VectorStoreFile& attach(VectorStore& store, const std::string& file_id, std::size_t size,
                          std::int64_t at_ms, std::optional<std::string> batch = std::nullopt) {
    return attach_file(state, store, file_of(file_id, size), AttachOptions{Json::object(), Json::object(), batch},
                       at_ms, k_pace);
  }

  VectorStoresState state;
};

TEST_F(Ingestion, FilesCompleteWhenDueAndUsageFollows) {
  VectorStore& store = add_store("vs_1");
  attach(store, "file-a", 100, k_t0);
  attach(store, "file-b", 20, k_t0 + 5);
  EXPECT_EQ(store.counts.in_progress, 2);
  EXPECT_EQ(store.usage_bytes, 0);
  EXPECT_EQ(store.status(k_t0 / 1000), "in_progress");

  advance(state, k_t0 + k_pace - 1);
  EXPECT_EQ(store.counts.in_progress, 2) << "nothing is due yet";
  advance(state, k_t0 + k_pace);
  EXPECT_EQ(store.files.find("file-a")->status, FileStatus::completed);
  EXPECT_EQ(store.files.find("file-b")->status, FileStatus::in_progress);
  EXPECT_EQ(store.usage_bytes, 100);
  advance(state, k_t0 + 5 + k_pace);
  EXPECT_EQ(store.counts.completed, 2);
  EXPECT_EQ(store.counts.total(), 2);
  EXPECT_EQ(store.usage_bytes, 120);
  EXPECT_EQ(store.status(k_t0 / 1000), "completed");
  EXPECT_EQ(to_wire(*store.files.find("file-b"))["usage_bytes"], 20);
}

TEST_F(Ingestion, AnEmptyFileFails) {
  VectorStore& store = add_store("vs_1");
  attach(store, "file-empty", 0, k_t0);
  advance(state, k_t0 + k_pace);
  const VectorStoreFile& file = *store.files.find("file-empty");
  EXPECT_EQ(file.status, FileStatus::failed);
  EXPECT_EQ(file.last_error["code"], "invalid_file");
  EXPECT_EQ(store.counts.failed, 1);
}

TEST_F(Ingestion, ABatchCompletesWithItsLastFile) {
  VectorStore& store = add_store("vs_1");
  FileBatch& batch = add_batch(store, "vsfb_1");
  attach(store, "file-a", 1, k_t0, batch.id);
  attach(store, "file-b", 1, k_t0 + 3, batch.id);
  EXPECT_EQ(batch.counts.in_progress, 2);
  advance(state, k_t0 + k_pace);
  EXPECT_EQ(batch.status, BatchStatus::in_progress);
  EXPECT_EQ(batch.counts.completed, 1);
  advance(state, k_t0 + 3 + k_pace);
  EXPECT_EQ(batch.status, BatchStatus::completed);
  EXPECT_EQ(to_wire(batch)["file_counts"],
            (Json{{"in_progress", 0}, {"completed", 2}, {"failed", 0}, {"cancelled", 0}, {"total", 2}}));
}

TEST_F(Ingestion, CancelStopsTheBatchFilesStillInProgress) {
  VectorStore& store = add_store("vs_1");
  FileBatch& batch = add_batch(store, "vsfb_1");
  attach(store, "file-a", 1, k_t0, batch.id);
  attach(store, "file-b", 1, k_t0 + 50, batch.id);
  advance(state, k_t0 + k_pace);
  cancel_batch(store, batch);
  EXPECT_EQ(batch.status, BatchStatus::cancelled);
  EXPECT_EQ(batch.counts.completed, 1);
  EXPECT_EQ(batch.counts.cancelled, 1);
  EXPECT_EQ(store.counts.cancelled, 1);
  advance(state, k_t0 + 1000);
  EXPECT_EQ(store.files.find("file-b")->status, FileStatus::cancelled) << "a cancelled file stays so";
  tests::support::expect_api_error(
      tests::support::thrown_api_error([&] { cancel_batch(store, batch); }), 400,
      "Cannot cancel vector store file batch with status 'cancelled'.", std::nullopt, std::nullopt);
}

TEST_F(Ingestion, ReattachingProcessesAgainAndMovesTheFileToTheNewBatch) {
  VectorStore& store = add_store("vs_1");
  FileBatch& first = add_batch(store, "vsfb_1");
  attach(store, "file-a", 7, k_t0, first.id);
  advance(state, k_t0 + k_pace);
  EXPECT_EQ(store.usage_bytes, 7);
  FileBatch& second = add_batch(store, "vsfb_2");
  attach(store, "file-a", 7, k_t0 + 100, second.id);
  EXPECT_EQ(store.counts.total(), 1);
  EXPECT_EQ(store.counts.in_progress, 1);
  EXPECT_EQ(store.usage_bytes, 0);
  EXPECT_EQ(first.counts.total(), 0);
  EXPECT_EQ(second.counts.in_progress, 1);
  advance(state, k_t0 + 100 + k_pace);
  EXPECT_EQ(second.status, BatchStatus::completed);
}

TEST_F(Ingestion, DetachAndForgetKeepCountsRight) {
  VectorStore& one = add_store("vs_1");
  VectorStore& two = add_store("vs_2");
  attach(one, "file-a", 10, k_t0);
  attach(two, "file-a", 10, k_t0);
  attach(two, "file-b", 5, k_t0);
  advance(state, k_t0 + k_pace);
  EXPECT_TRUE(detach_file(state, one, "file-a"));
  EXPECT_FALSE(detach_file(state, one, "file-a"));
  EXPECT_EQ(one.counts.total(), 0);
  EXPECT_EQ(one.usage_bytes, 0);
  forget_file(state, "file-a");
  EXPECT_EQ(two.counts.total(), 1);
  EXPECT_EQ(two.usage_bytes, 5);
  EXPECT_EQ(two.files.find("file-a"), nullptr);
  EXPECT_EQ(state.stores_by_file.count("file-a"), 0U);
  erase_store(state, "vs_2");
  EXPECT_TRUE(state.stores_by_file.empty());
}

TEST_F(Ingestion, StoresExpireAfterTheirDaysOfInactivity) {
  VectorStore& store = add_store("vs_1");
  store.last_active_at = 1000;
  store.expires_after = Json{{"anchor", "last_active_at"}, {"days", 1}};
  EXPECT_EQ(store.expires_at(), 1000 + 86400);
  EXPECT_EQ(store.status(1000 + 86399), "completed");
  EXPECT_EQ(store.status(1000 + 86400), "expired");
  const Json wire = to_wire(store, 1000);
  EXPECT_EQ(wire["expires_after"]["days"], 1);
  EXPECT_EQ(wire["expires_at"], 1000 + 86400);
}

}  // namespace
