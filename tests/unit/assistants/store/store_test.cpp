// The store's two levels of locks: requests to different threads run side by side,
// requests to one thread take turns, and creating or deleting objects waits for all.
#include "mock/assistants/store/store.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>

namespace mock::assistants {
namespace {


// Long enough that a blocked call would certainly have finished had it not been blocked.
constexpr std::chrono::milliseconds k_blocked{200};
// Long enough for an unblocked call to finish on a loaded CI machine.
constexpr std::chrono::milliseconds k_finishes{10000};

class StoreTest : public ::testing::Test {
protected:
  void SetUp() override {
    store.with_state([](AssistantsState& state) {
      for (const char* id : {"thread_a", "thread_b"}) {
        Thread thread;
        thread.id = id;
        state.threads.insert(std::move(thread));
      }
    });
  }

  // Runs `call` on another thread while `hold` holds a lock; returns whether `call`
  // finished while the lock was held (then the lock is released and `call` joined).
  template <class Hold, class Call>
  bool finishes_while_held(Hold hold, Call call, std::chrono::milliseconds patience) {
    bool finished = false;
    std::future<void> other;
    hold([&] {
      other = std::async(std::launch::async, call);
      finished = other.wait_for(patience) == std::future_status::ready;
    });
    other.get();
    return finished;
  }

  AssistantsStore store;
};

TEST_F(StoreTest, ChangesToDifferentThreadsRunSideBySide) {
  const auto hold_a = [&](auto inside) {
    store.with_thread("thread_a", [&](const AssistantsState&, Thread*) { inside(); });
  };
  bool changed_b = false;
  const auto change_b = [&] {
    store.with_thread("thread_b", [&](const AssistantsState&, Thread* thread) {
      ASSERT_NE(thread, nullptr);
      thread->metadata["seen"] = true;
      changed_b = true;
    });
  };
  EXPECT_TRUE(finishes_while_held(hold_a, change_b, k_finishes));
  EXPECT_TRUE(changed_b);
}

TEST_F(StoreTest, ChangesToOneThreadTakeTurns) {
  const auto hold_a = [&](auto inside) {
    store.with_thread("thread_a", [&](const AssistantsState&, Thread*) { inside(); });
  };
  const auto change_a = [&] { store.with_thread("thread_a", [](const AssistantsState&, Thread*) {}); };
  const auto read_a = [&] { store.read_thread("thread_a", [](const AssistantsState&, const Thread*) {}); };
  EXPECT_FALSE(finishes_while_held(hold_a, change_a, k_blocked));
  EXPECT_FALSE(finishes_while_held(hold_a, read_a, k_blocked));
}

TEST_F(StoreTest, ReadersOfOneThreadShareIt) {
  const auto read_a_held = [&](auto inside) {
    store.read_thread("thread_a", [&](const AssistantsState&, const Thread*) { inside(); });
  };
  const auto read_a = [&] { store.read_thread("thread_a", [](const AssistantsState&, const Thread*) {}); };
  const auto change_a = [&] { store.with_thread("thread_a", [](const AssistantsState&, Thread*) {}); };
  EXPECT_TRUE(finishes_while_held(read_a_held, read_a, k_finishes));
  EXPECT_FALSE(finishes_while_held(read_a_held, change_a, k_blocked));
}

TEST_F(StoreTest, CreatingOrDeletingWaitsForEveryThreadHolder) {
  const auto hold_a = [&](auto inside) {
    store.with_thread("thread_a", [&](const AssistantsState&, Thread*) { inside(); });
  };
  const auto delete_b = [&] {
    store.with_state([](AssistantsState& state) { state.threads.erase_without_tombstone("thread_b"); });
  };
  EXPECT_FALSE(finishes_while_held(hold_a, delete_b, k_blocked));
  store.read_state([](const AssistantsState& state) { EXPECT_EQ(state.threads.find("thread_b"), nullptr); });
}

TEST_F(StoreTest, AnUnknownThreadIsNull) {
  store.with_thread("thread_zzz", [](const AssistantsState&, Thread* thread) { EXPECT_EQ(thread, nullptr); });
  store.read_thread("thread_zzz", [](const AssistantsState&, const Thread* thread) { EXPECT_EQ(thread, nullptr); });
}

TEST_F(StoreTest, ChangingAThreadDropsItsCachedBytesAndReadingKeepsThem) {
  const auto cache_bytes = [&] {
    store.read_thread("thread_a", [](const AssistantsState&, const Thread* thread) {
      thread->wire_cache.install(0, "{}");
    });
  };
  const auto cached = [&] {
    return store.read_thread("thread_a", [](const AssistantsState&, const Thread* thread) {
      return thread->wire_cache.find(0) != nullptr;
    });
  };
  cache_bytes();
  EXPECT_TRUE(cached());
  store.with_thread("thread_a", [](const AssistantsState&, Thread*) {});
  EXPECT_FALSE(cached());
}

TEST_F(StoreTest, ForEachThreadVisitsEveryThreadInCreationOrder) {
  std::string seen;
  store.for_each_thread([&](const Thread& thread) { seen += thread.id + " "; });
  EXPECT_EQ(seen, "thread_a thread_b ");
}

TEST(ObjectLockTest, ACopiedThreadHasAFreshLock) {
  Thread original;
  std::unique_lock held(original.lock.mutex());
  const Thread copy = original;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_TRUE(copy.lock.mutex().try_lock());
  copy.lock.mutex().unlock();
}

}  // namespace
}  // namespace mock::assistants
