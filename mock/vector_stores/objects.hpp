#pragma once
// Vector stores, their files and file batches as the mock keeps them (FACTS.md §3.3).
// Statuses are enums; counts are kept as files change status, so reading a store or a
// batch never walks its files. The wire shapes live only in wire.cpp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/json.hpp"
#include "mock/core/ordered_collection.hpp"

namespace mock::vector_stores {

enum class FileStatus { in_progress, completed, cancelled, failed };
enum class BatchStatus { in_progress, completed, cancelled, failed };

std::string_view to_string(FileStatus status);
std::string_view to_string(BatchStatus status);

// file_counts: how many files are in each status; total is their sum.
struct FileCounts {
  std::int64_t in_progress = 0;
  std::int64_t completed = 0;
  std::int64_t failed = 0;
  std::int64_t cancelled = 0;

  std::int64_t total() const { return in_progress + completed + failed + cancelled; }
  std::int64_t& of(FileStatus status);
};

struct VectorStoreFile {
  std::string id;  // the File's id
  std::int64_t created_at = 0;  // Unix seconds
  std::string vector_store_id;
  FileStatus status = FileStatus::in_progress;
  std::int64_t file_bytes = 0;  // the File's size; usage_bytes once completed
  Json last_error = nullptr;
  Json chunking_strategy;  // response form: {type:"static", static:{...}}
  Json attributes = Json::object();
  std::optional<std::string> batch_id;  // the batch that added it last
  std::int64_t due_ms = 0;  // when ingestion ends (in_progress only)

  std::int64_t usage_bytes() const { return status == FileStatus::completed ? file_bytes : 0; }
};

struct FileBatch {
  std::string id;  // "vsfb_" + 24 alphanumerics
  std::int64_t created_at = 0;
  std::string vector_store_id;
  BatchStatus status = BatchStatus::in_progress;
  FileCounts counts;  // of the store's files whose batch_id is this batch
};

struct VectorStore {
  std::string id;  // "vs_" + 24 alphanumerics
  std::int64_t created_at = 0;
  std::string name;  // "" when none was given (the spec types it as a non-null string)
  std::optional<std::string> description;  // accepted on create (2026 spec), not on the object
  Json expires_after = nullptr;  // null or {anchor:"last_active_at", days}
  std::int64_t last_active_at = 0;
  Json metadata = Json::object();
  FileCounts counts;
  std::int64_t usage_bytes = 0;  // bytes of the completed files

  core::OrderedCollection<VectorStoreFile> files;  // keyed by file id
  core::OrderedCollection<FileBatch> batches;

  // expires_after.days after last_active_at, when expires_after is set.
  std::optional<std::int64_t> expires_at() const;
  // expired once now passes expires_at, else in_progress while a file is, else completed.
  std::string_view status(std::int64_t now_seconds) const;
};

}  // namespace mock::vector_stores
