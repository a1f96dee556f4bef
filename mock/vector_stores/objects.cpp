#include "mock/vector_stores/objects.hpp"

namespace mock::vector_stores {

std::string_view to_string(FileStatus status) {
  switch (status) {
    case FileStatus::in_progress: return "in_progress";
    case FileStatus::completed: return "completed";
    case FileStatus::cancelled: return "cancelled";
    case FileStatus::failed: return "failed";
  }
  return "in_progress";
}

std::string_view to_string(BatchStatus status) {
  switch (status) {
    case BatchStatus::in_progress: return "in_progress";
    case BatchStatus::completed: return "completed";
    case BatchStatus::cancelled: return "cancelled";
    case BatchStatus::failed: return "failed";
  }
  return "in_progress";
}

std::int64_t& FileCounts::of(FileStatus status) {
  switch (status) {
    case FileStatus::in_progress: return in_progress;
    case FileStatus::completed: return completed;
    case FileStatus::cancelled: return cancelled;
    case FileStatus::failed: return failed;
  }
  return in_progress;
}

std::optional<std::int64_t> VectorStore::expires_at() const {
  if (!expires_after.is_object()) return std::nullopt;
  return last_active_at + expires_after.value("days", std::int64_t{0}) * 86400;
}

std::string_view VectorStore::status(std::int64_t now_seconds) const {
  const auto expiry = expires_at();
  if (expiry && now_seconds >= *expiry) return "expired";
  return counts.in_progress > 0 ? "in_progress" : "completed";
}

}  // namespace mock::vector_stores
