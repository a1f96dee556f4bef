#include "tests/contracts/support/official_specs.hpp"

#include <chrono>
#include <map>
#include <memory>
#include <mutex>

#include <gtest/gtest.h>

namespace contracts::testing {

std::filesystem::path official_spec_path(const std::string& file_name) {
  return std::filesystem::path(AM_SOURCE_DIR) / "contracts" / "specs" / file_name;
}

const openapi::SpecContracts* official_spec(const std::string& file_name, double* load_ms) {
  struct Loaded {
    std::unique_ptr<openapi::SpecContracts> spec;
    double ms = 0;
  };
  static std::mutex mutex;
  static std::map<std::string, Loaded> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto found = cache.find(file_name);
  if (found == cache.end()) {
    const std::filesystem::path path = official_spec_path(file_name);
    if (!std::filesystem::exists(path)) {
      ADD_FAILURE() << "the official spec " << path << " is missing: it is vendored in contracts/specs/ "
                    << "(see contracts/specs/README.md)";
      return nullptr;
    }
    const auto start = std::chrono::steady_clock::now();
    auto spec = openapi::SpecContracts::load(path);
    const auto end = std::chrono::steady_clock::now();
    if (!spec) {
      ADD_FAILURE() << spec.error();
      return nullptr;
    }
    Loaded loaded{std::make_unique<openapi::SpecContracts>(std::move(*spec)),
                  std::chrono::duration<double, std::milli>(end - start).count()};
    found = cache.emplace(file_name, std::move(loaded)).first;
  }
  if (load_ms != nullptr) *load_ms = found->second.ms;
  return found->second.spec.get();
}

}  // namespace contracts::testing
