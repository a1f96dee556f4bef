#include "mock/core/id_index.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace mock::core
