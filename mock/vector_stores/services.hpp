#pragma once
// What the vector store handlers use: their store, the file store (files are looked up
// under the vector store lock, in the server's lock order), clock, ids and config.
#include <cstdint>
#include <optional>
#include <string>

#include "mock/core/clock.hpp"
#include "mock/core/id_generator.hpp"
#include "mock/files/file_store.hpp"
#include "mock/vector_stores/store.hpp"

namespace mock::vector_stores {

struct VectorStoreConfig {
  std::optional<std::string> api_key;  // when set, any other bearer key is refused
  std::int64_t poll_after_ms = 25;     // openai-poll-after-ms on answers, for the SDK pollers
  std::int64_t ingest_ms = 10;         // in_progress -> completed after this (the run pace)
};

struct VectorStoreServices {
  VectorStoreStore& store;
  files::FileStore& files;
  core::Clock& clock;
  core::IdGenerator& ids;
  const VectorStoreConfig& config;
};

}  // namespace mock::vector_stores
