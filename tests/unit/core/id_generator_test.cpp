#include "mock/core/id_generator.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace {
using mock::core::has_id_prefix;
using mock::core::IdGenerator;

bool is_alnum_tail(const std::string& id, std::size_t prefix_length) {
  const std::string tail = id.substr(prefix_length);
  return tail.size() == IdGenerator::k_tail_length &&
         std::all_of(tail.begin(), tail.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
         });
}

std::vector<std::string> take(IdGenerator& ids, std::size_t count) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back(ids.next("asst_"));
  return out;
}

TEST(IdGenerator, IdIsPrefixPlus24Alphanumerics) {
  IdGenerator ids(1);
  for (const char* prefix : {"asst_", "thread_", "msg_", "run_", "step_", "call_", "file-"}) {
    const std::string id = ids.next(prefix);
    ASSERT_TRUE(id.starts_with(prefix)) << id;
    EXPECT_TRUE(is_alnum_tail(id, std::string(prefix).size())) << id;
  }
}

TEST(IdGenerator, SameSeedGivesSameSequence) {
  IdGenerator a(12345);
  IdGenerator b(12345);
  EXPECT_EQ(take(a, 50), take(b, 50));
}

TEST(IdGenerator, DifferentSeedsGiveDifferentSequences) {
  IdGenerator a(1);
  IdGenerator b(2);
  EXPECT_NE(take(a, 5), take(b, 5));
}

TEST(IdGenerator, UnseededGeneratorsDiffer) {
  IdGenerator a;
  IdGenerator b;
  EXPECT_NE(take(a, 3), take(b, 3));
}

TEST(IdGenerator, ResetRestartsTheSeededSequence) {
  IdGenerator ids(99);
  const auto first = take(ids, 10);
  ids.reset();
  EXPECT_EQ(take(ids, 10), first);
}

TEST(IdGenerator, ResetRestartsAnUnseededSequenceToo) {
  IdGenerator ids;
  const auto first = take(ids, 5);
  ids.reset();
  EXPECT_EQ(take(ids, 5), first);
}

TEST(IdGenerator, TenThousandIdsAreDistinct) {
  IdGenerator ids(7);
  const auto all = take(ids, 10'000);
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), all.size());
}

TEST(IdGenerator, ConcurrentCallersGetDistinctWellFormedIds) {
  IdGenerator ids(3);
  constexpr std::size_t k_threads = 8;
  constexpr std::size_t k_per_thread = 2'000;
  std::vector<std::vector<std::string>> results(k_threads);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < k_threads; ++t) {
    threads.emplace_back([&ids, &results, t] {
      for (std::size_t i = 0; i < k_per_thread; ++i) results[t].push_back(ids.next("msg_"));
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::string> unique;
  for (const auto& list : results) {
    for (const auto& id : list) {
      EXPECT_TRUE(is_alnum_tail(id, 4)) << id;
      unique.insert(id);
    }
  }
  EXPECT_EQ(unique.size(), k_threads * k_per_thread);
}

TEST(IdGenerator, ConcurrentCallersConsumeTheSeededSequenceExactly) {
  // Whatever the interleaving, the set of tails is the seeded sequence's first N tails.
  IdGenerator reference(5);
  std::set<std::string> expected;
  for (int i = 0; i < 4'000; ++i) expected.insert(reference.next("x_").substr(2));

  IdGenerator ids(5);
  std::vector<std::set<std::string>> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&ids, &seen, t] {
      for (int i = 0; i < 1'000; ++i) seen[t].insert(ids.next("x_").substr(2));
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::string> all;
  for (const auto& part : seen) all.insert(part.begin(), part.end());
  EXPECT_EQ(all, expected);
}

TEST(HasIdPrefix, NeedsThePrefixAndAtLeastOneMoreCharacter) {
  EXPECT_TRUE(has_id_prefix("thread_abc", "thread_"));
  EXPECT_TRUE(has_id_prefix("thread_x", "thread_"));
  EXPECT_TRUE(has_id_prefix("file-abc", "file-"));
  EXPECT_FALSE(has_id_prefix("thread_", "thread_"));
  EXPECT_FALSE(has_id_prefix("thread", "thread_"));
  EXPECT_FALSE(has_id_prefix("undefined", "thread_"));
  EXPECT_FALSE(has_id_prefix("asst_abc", "thread_"));
  EXPECT_FALSE(has_id_prefix("", "thread_"));
  EXPECT_FALSE(has_id_prefix("Thread_abc", "thread_"));
  EXPECT_FALSE(has_id_prefix("file_abc", "file-"));
}

}  // namespace
