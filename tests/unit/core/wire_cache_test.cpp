#include "mock/core/wire_cache.hpp"

#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "mock/core/ordered_collection.hpp"

namespace {
using mock::core::OrderedCollection;
using mock::core::WireCache;

struct Cached {
  std::string id;
  int value = 0;
  mutable WireCache wire_cache;
};

// What a reader does: the cached bytes, or new ones made of the object and kept.
const std::string& bytes_of(const Cached& object) {
  if (const std::string* cached = object.wire_cache.find(0)) return *cached;
  return object.wire_cache.install(0, object.id + "=" + std::to_string(object.value));
}

Cached item(std::string id, int value) {
  Cached out;
  out.id = std::move(id);
  out.value = value;
  return out;
}

TEST(WireCache, EmptyUntilInstalledThenKeepsTheBytes) {
  const WireCache cache;
  EXPECT_EQ(cache.find(0), nullptr);
  EXPECT_EQ(cache.install(1, "v2 bytes"), "v2 bytes");
  EXPECT_EQ(cache.find(0), nullptr);  // one slot per version
  ASSERT_NE(cache.find(1), nullptr);
  EXPECT_EQ(*cache.find(1), "v2 bytes");
}

TEST(WireCache, FirstInstallWins) {
  const WireCache cache;
  cache.install(0, "first");
  EXPECT_EQ(cache.install(0, "second"), "first");
  EXPECT_EQ(*cache.find(0), "first");
}

TEST(WireCache, ClearEmptiesEverySlot) {
  WireCache cache;
  cache.install(0, "a");
  cache.install(1, "b");
  cache.clear();
  EXPECT_EQ(cache.find(0), nullptr);
  EXPECT_EQ(cache.find(1), nullptr);
}

TEST(WireCache, ACopyStartsEmpty) {
  // A copied object may change apart from the original: it must not inherit its bytes.
  Cached original = item("a", 1);
  bytes_of(original);
  const Cached copy = original;
  EXPECT_EQ(copy.wire_cache.find(0), nullptr);
  EXPECT_NE(original.wire_cache.find(0), nullptr);
  Cached assigned = item("b", 2);
  bytes_of(assigned);
  assigned = original;
  EXPECT_EQ(assigned.wire_cache.find(0), nullptr);
}

TEST(WireCache, ReadersInstallingAtOnceAllSeeOneCopy) {
  const WireCache cache;
  std::vector<const std::string*> seen(8, nullptr);
  std::vector<std::thread> readers;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    readers.emplace_back([&cache, &seen, i] { seen[i] = &cache.install(0, "from reader " + std::to_string(i)); });
  }
  for (auto& reader : readers) reader.join();
  const std::set<const std::string*> distinct(seen.begin(), seen.end());
  EXPECT_EQ(distinct.size(), 1U);
  EXPECT_EQ(*seen.front(), *cache.find(0));
}

TEST(OrderedCollectionWireCache, ConstFindKeepsTheBytes) {
  OrderedCollection<Cached> items;
  items.insert(item("a", 1));
  bytes_of(*std::as_const(items).find("a"));
  EXPECT_NE(std::as_const(items).find("a")->wire_cache.find(0), nullptr);
}

TEST(OrderedCollectionWireCache, MutableFindDropsTheBytesSoAChangeShows) {
  OrderedCollection<Cached> items;
  items.insert(item("a", 1));
  EXPECT_EQ(bytes_of(*std::as_const(items).find("a")), "a=1");
  items.find("a")->value = 2;
  EXPECT_EQ(bytes_of(*std::as_const(items).find("a")), "a=2");
}

TEST(OrderedCollectionWireCache, MutableForEachDropsEveryObjectsBytes) {
  OrderedCollection<Cached> items;
  items.insert(item("a", 1));
  items.insert(item("b", 1));
  std::as_const(items).for_each([](const Cached& c) { bytes_of(c); });
  items.for_each([](Cached& c) { c.value = 5; });
  std::vector<std::string> listed;
  std::as_const(items).for_each([&](const Cached& c) { listed.push_back(bytes_of(c)); });
  EXPECT_EQ(listed, (std::vector<std::string>{"a=5", "b=5"}));
}

TEST(OrderedCollectionWireCache, PagesServeTheCachedBytes) {
  OrderedCollection<Cached> items;
  items.insert(item("a", 1));
  const std::string* before = &bytes_of(*std::as_const(items).find("a"));
  const auto page = std::as_const(items).page(mock::core::PageQuery{});
  ASSERT_EQ(page.items.size(), 1U);
  EXPECT_EQ(&bytes_of(*page.items.front()), before);
}

}  // namespace
