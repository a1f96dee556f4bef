// FileStore: ids kept in order, bytes accounted, both limits answered with 413.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "mock/files/file_store.hpp"
#include "tests/support/api_error_matchers.hpp"

namespace {
using mock::files::FileLimits;
using mock::files::FileStore;
using mock::files::FilesState;
using mock::files::StoredFile;
using tests::support::thrown_api_error;

StoredFile file_of(const std::string& id, std::size_t size) {
  StoredFile file;
  file.id = id;
  file.filename = id + ".txt";
  file.purpose = "assistants";
  file.content = std::make_shared<const std::string>(size, 'x');
  return file;
}

std::size_t total(FileStore& store) {
  return store.with_state([](FilesState& state) { return state.total_bytes; });
}

TEST(FileStore, KeepsFilesAndCountsTheirBytes) {
  FileStore store;
  store.add(file_of("file-a", 10));
  store.add(file_of("file-b", 5));
  EXPECT_EQ(total(store), 15U);
  ASSERT_TRUE(store.find("file-a"));
  EXPECT_EQ(store.find("file-a")->bytes(), 10);
  EXPECT_TRUE(store.remove("file-a"));
  EXPECT_FALSE(store.remove("file-a"));
  EXPECT_FALSE(store.find("file-a"));
  EXPECT_EQ(total(store), 5U);
  store.reset();
  EXPECT_EQ(total(store), 0U);
  EXPECT_FALSE(store.find("file-b"));
}

TEST(FileStore, RefusesAFileOverThePerFileLimit) {
  FileStore store(FileLimits{100, 1000});
  EXPECT_NO_THROW(store.add(file_of("file-a", 100)));
  const auto error = thrown_api_error([&] { store.add(file_of("file-b", 101)); });
  EXPECT_EQ(error.status(), 413);
  EXPECT_EQ(error.code(), "file_too_large");
  EXPECT_EQ(std::string(error.what()),
            "File too large: 'file-b.txt' is 101 bytes, and this server keeps files of at most "
            "100 bytes (--max-file-bytes).");
  EXPECT_EQ(total(store), 100U);
}

TEST(FileStore, RefusesAFileThatWouldPassTheTotalAndAcceptsAgainAfterADelete) {
  FileStore store(FileLimits{100, 150});
  store.add(file_of("file-a", 100));
  const auto error = thrown_api_error([&] { store.add(file_of("file-b", 60)); });
  EXPECT_EQ(error.status(), 413);
  EXPECT_EQ(error.code(), "file_storage_limit_exceeded");
  EXPECT_NE(std::string(error.what()).find("--max-files-total-bytes"), std::string::npos);
  EXPECT_FALSE(store.find("file-b"));
  store.remove("file-a");
  EXPECT_NO_THROW(store.add(file_of("file-b", 60)));
}

TEST(FileStore, RequireFileChecksThePrefixThenTheId) {
  FileStore store;
  store.add(file_of("file-a", 1));
  EXPECT_EQ(mock::files::require_file(store, "file-a").id, "file-a");
  tests::support::expect_api_error(
      thrown_api_error([&] { mock::files::require_file(store, "file-zzz"); }), 404,
      "No file found with id 'file-zzz'.", std::nullopt, std::nullopt);
  tests::support::expect_api_error(
      thrown_api_error([&] { mock::files::require_file(store, "vs_abc"); }), 400,
      "Invalid 'file_id': 'vs_abc'. Expected an ID that begins with 'file'.", "file_id",
      "invalid_value");
}

}  // namespace
