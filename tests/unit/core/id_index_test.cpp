#include "mock/core/id_index.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace mock::core {
namespace {

TEST(IdIndexTest, FindsWhatWasAssignedAndNothingElse) {
  IdIndex index;
  EXPECT_EQ(index.find("msg_a"), std::nullopt);  // empty: no table yet
  index.assign("msg_a", 1);
  index.assign("msg_b", 2);
  EXPECT_EQ(index.find("msg_a"), 1U);
  EXPECT_EQ(index.find("msg_b"), 2U);
  EXPECT_EQ(index.find("msg_c"), std::nullopt);
  EXPECT_EQ(index.find("msg_"), std::nullopt);  // a prefix of an id is not the id
  EXPECT_EQ(index.size(), 2U);
}

TEST(IdIndexTest, AssignReplaces) {
  IdIndex index;
  index.assign("msg_a", 1);
  index.assign("msg_a", 7);
  EXPECT_EQ(index.find("msg_a"), 7U);
  EXPECT_EQ(index.size(), 1U);
}

TEST(IdIndexTest, EraseSaysWhetherTheIdWasThere) {
  IdIndex index;
  EXPECT_FALSE(index.erase("msg_a"));
  index.assign("msg_a", 1);
  EXPECT_TRUE(index.erase("msg_a"));
  EXPECT_FALSE(index.erase("msg_a"));
  EXPECT_EQ(index.find("msg_a"), std::nullopt);
  EXPECT_EQ(index.size(), 0U);
}

TEST(IdIndexTest, ACopyIsIndependentAndAMoveLeavesAnEmptyIndex) {
  IdIndex original;
  original.assign("msg_a", 1);
  IdIndex copy = original;
  copy.assign("msg_b", 2);
  EXPECT_EQ(original.find("msg_b"), std::nullopt);
  EXPECT_EQ(copy.find("msg_a"), 1U);

  IdIndex moved = std::move(original);
  EXPECT_EQ(moved.find("msg_a"), 1U);
  EXPECT_EQ(original.size(), 0U);  // NOLINT(bugprone-use-after-move): moved-from is usable
  EXPECT_EQ(original.find("msg_a"), std::nullopt);  // NOLINT(bugprone-use-after-move)
  original.assign("msg_c", 3);  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(original.find("msg_c"), 3U);
}

TEST(IdIndexTest, HoldsManyIdsThroughRegrowth) {
  IdIndex index;
  for (std::uint64_t i = 0; i < 10'000; ++i) index.assign("msg_" + std::to_string(i), i);
  for (std::uint64_t i = 0; i < 10'000; i += 997) EXPECT_EQ(index.find("msg_" + std::to_string(i)), i);
  index.clear();
  EXPECT_EQ(index.size(), 0U);
  EXPECT_EQ(index.find("msg_0"), std::nullopt);
}

// Ids up to 31 characters are kept inside the table and longer ones on the heap: both
// kinds, and ids at the boundary, must survive regrowth, copies, moves and erasure alike.
TEST(IdIndexTest, ShortAndLongIdsSurviveRegrowthCopiesAndMoves) {
  const auto id_of = [](std::uint64_t i) {
    const std::string number = std::to_string(i);
    switch (i % 4) {
      case 0: return "thread_" + std::string(24 - number.size(), 'x') + number;  // 31: inline
      case 1: return "thread_" + std::string(25 - number.size(), 'y') + number;  // 32: heap
      case 2: return "m" + number;
      default: return "imported_" + std::string(200, 'z') + number;
    }
  };
  IdIndex index;
  for (std::uint64_t i = 0; i < 4'000; ++i) index.assign(id_of(i), i);
  for (std::uint64_t i = 0; i < 4'000; i += 2) EXPECT_TRUE(index.erase(id_of(i)));
  const IdIndex copy = index;
  IdIndex moved = std::move(index);
  for (std::uint64_t i = 0; i < 4'000; ++i) {
    const std::optional<std::uint64_t> expected = i % 2 == 0 ? std::nullopt : std::optional(i);
    EXPECT_EQ(copy.find(id_of(i)), expected) << id_of(i);
    EXPECT_EQ(moved.find(id_of(i)), expected) << id_of(i);
  }
  EXPECT_EQ(copy.find(id_of(1).substr(0, 31)), std::nullopt);  // a 32-character id's first 31
  EXPECT_EQ(copy.size(), 2'000U);
}

}  // namespace
}  // namespace mock::core
