#include "mock/core/ordered_collection.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {
using mock::core::OrderedCollection;
using mock::core::Page;
using mock::core::PageQuery;
using mock::core::UnknownCursor;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct Item {
  std::string id;
  int tag = 0;
};
using Collection = OrderedCollection<Item>;
using Keep = std::function<bool(const Item&)>;

std::string id_of(int n) {
  std::string text = std::to_string(n);
  return "i" + std::string(text.size() < 2 ? 2 - text.size() : 0, '0') + text;
}

// i00, i01, ... created in that order, tag = index.
Collection make(int count) {
  Collection items;
  for (int i = 0; i < count; ++i) items.insert(Item{id_of(i), i});
  return items;
}

PageQuery query(std::size_t limit, bool ascending, std::optional<std::string> after = std::nullopt,
                std::optional<std::string> before = std::nullopt) {
  PageQuery q;
  q.limit = limit;
  q.ascending = ascending;
  q.after = std::move(after);
  q.before = std::move(before);
  return q;
}

std::vector<std::string> ids(const Page<Item>& page) {
  std::vector<std::string> out;
  for (const Item* item : page.items) out.push_back(item->id);
  return out;
}

std::vector<std::string> range_ids(int first, int last_inclusive, bool ascending) {
  std::vector<std::string> out;
  if (ascending) {
    for (int i = first; i <= last_inclusive; ++i) out.push_back(id_of(i));
  } else {
    for (int i = last_inclusive; i >= first; --i) out.push_back(id_of(i));
  }
  return out;
}

// ---------------------------------------------------------------- storage

TEST(OrderedCollection, InsertFindEraseAndSize) {
  Collection items;
  EXPECT_EQ(items.size(), 0U);
  Item& stored = items.insert(Item{"a", 1});
  EXPECT_EQ(stored.id, "a");
  items.insert(Item{"b", 2});
  EXPECT_EQ(items.size(), 2U);

  ASSERT_NE(items.find("a"), nullptr);
  EXPECT_EQ(items.find("a")->tag, 1);
  EXPECT_EQ(items.find("zzz"), nullptr);

  items.find("a")->tag = 10;  // find gives the stored object, not a copy
  EXPECT_EQ(items.find("a")->tag, 10);

  EXPECT_TRUE(items.erase("a"));
  EXPECT_FALSE(items.erase("a"));
  EXPECT_FALSE(items.erase("never"));
  EXPECT_EQ(items.find("a"), nullptr);
  EXPECT_EQ(items.size(), 1U);
}

TEST(OrderedCollection, ConstFindSeesTheSameObjects) {
  Collection items = make(3);
  const Collection& view = items;
  ASSERT_NE(view.find("i01"), nullptr);
  EXPECT_EQ(view.find("i01")->tag, 1);
  EXPECT_EQ(view.find("nope"), nullptr);
}

TEST(OrderedCollection, InsertedReferencesStayValidAsTheCollectionGrows) {
  Collection items;
  Item& first = items.insert(Item{"first", 0});
  for (int i = 0; i < 1000; ++i) items.insert(Item{id_of(i), i});
  first.tag = 42;
  EXPECT_EQ(items.find("first")->tag, 42);
}

TEST(OrderedCollection, ForEachVisitsInCreationOrder) {
  Collection items = make(5);
  items.erase("i02");
  std::vector<std::string> seen;
  items.for_each([&](const Item& item) { seen.push_back(item.id); });
  EXPECT_THAT(seen, ElementsAre("i00", "i01", "i03", "i04"));

  items.for_each([](Item& item) { item.tag *= 2; });
  EXPECT_EQ(items.find("i04")->tag, 8);
}

TEST(OrderedCollection, ClearEmptiesAndForgetsCursors) {
  Collection items = make(3);
  items.clear();
  EXPECT_EQ(items.size(), 0U);
  EXPECT_EQ(items.find("i00"), nullptr);
  EXPECT_THROW(items.page(query(20, true, "i00")), UnknownCursor);
}

// ---------------------------------------------------------------- first pages

TEST(OrderedCollectionPage, DefaultQueryIsNewestFirstTwenty) {
  const Collection items = make(25);
  const auto page = items.page(PageQuery{});
  EXPECT_EQ(ids(page), range_ids(5, 24, false));
  EXPECT_TRUE(page.has_more);
}

TEST(OrderedCollectionPage, AscendingIsOldestFirst) {
  const Collection items = make(5);
  const auto page = items.page(query(20, true));
  EXPECT_THAT(ids(page), ElementsAre("i00", "i01", "i02", "i03", "i04"));
  EXPECT_FALSE(page.has_more);
}

TEST(OrderedCollectionPage, DescendingIsNewestFirst) {
  const Collection items = make(5);
  const auto page = items.page(query(20, false));
  EXPECT_THAT(ids(page), ElementsAre("i04", "i03", "i02", "i01", "i00"));
  EXPECT_FALSE(page.has_more);
}

TEST(OrderedCollectionPage, EmptyCollectionGivesAnEmptyPageWithoutMore) {
  const Collection items;
  for (const bool asc : {true, false}) {
    const auto page = items.page(query(20, asc));
    EXPECT_THAT(page.items, IsEmpty());
    EXPECT_FALSE(page.has_more);
  }
}

TEST(OrderedCollectionPage, LimitEdges) {
  const Collection items = make(10);
  for (const bool asc : {true, false}) {
    SCOPED_TRACE(asc ? "asc" : "desc");
    auto page = items.page(query(1, asc));
    EXPECT_EQ(ids(page), std::vector<std::string>{asc ? "i00" : "i09"});
    EXPECT_TRUE(page.has_more);

    page = items.page(query(9, asc));
    EXPECT_EQ(page.items.size(), 9U);
    EXPECT_TRUE(page.has_more);

    page = items.page(query(10, asc));  // exactly everything: nothing more
    EXPECT_EQ(ids(page), range_ids(0, 9, asc));
    EXPECT_FALSE(page.has_more);

    page = items.page(query(11, asc));
    EXPECT_EQ(ids(page), range_ids(0, 9, asc));
    EXPECT_FALSE(page.has_more);

    page = items.page(query(100, asc));
    EXPECT_EQ(page.items.size(), 10U);
    EXPECT_FALSE(page.has_more);

    page = items.page(query(0, asc));  // the API refuses 0; the collection answers "more exist"
    EXPECT_THAT(page.items, IsEmpty());
    EXPECT_TRUE(page.has_more);
  }
}

// ---------------------------------------------------------------- after

TEST(OrderedCollectionPage, AfterAscendingGivesTheNewerObjects) {
  const Collection items = make(10);
  auto page = items.page(query(3, true, "i03"));
  EXPECT_THAT(ids(page), ElementsAre("i04", "i05", "i06"));
  EXPECT_TRUE(page.has_more);

  page = items.page(query(20, true, "i06"));
  EXPECT_THAT(ids(page), ElementsAre("i07", "i08", "i09"));
  EXPECT_FALSE(page.has_more);

  page = items.page(query(3, true, "i06"));  // exactly the rest
  EXPECT_THAT(ids(page), ElementsAre("i07", "i08", "i09"));
  EXPECT_FALSE(page.has_more);

  page = items.page(query(20, true, "i09"));
  EXPECT_THAT(page.items, IsEmpty());
  EXPECT_FALSE(page.has_more);
}

TEST(OrderedCollectionPage, AfterDescendingGivesTheOlderObjects) {
  const Collection items = make(10);
  auto page = items.page(query(3, false, "i06"));
  EXPECT_THAT(ids(page), ElementsAre("i05", "i04", "i03"));
  EXPECT_TRUE(page.has_more);

  page = items.page(query(20, false, "i02"));
  EXPECT_THAT(ids(page), ElementsAre("i01", "i00"));
  EXPECT_FALSE(page.has_more);

  page = items.page(query(20, false, "i00"));
  EXPECT_THAT(page.items, IsEmpty());
  EXPECT_FALSE(page.has_more);
}

// ---------------------------------------------------------------- before

TEST(OrderedCollectionPage, BeforeAscendingGivesTheClosestOlderObjectsInOrder) {
  const Collection items = make(10);
  auto page = items.page(query(2, true, std::nullopt, "i05"));
  EXPECT_THAT(ids(page), ElementsAre("i03", "i04"));
  EXPECT_TRUE(page.has_more);  // i00..i02 precede them

  page = items.page(query(5, true, std::nullopt, "i02"));
  EXPECT_THAT(ids(page), ElementsAre("i00", "i01"));
  EXPECT_FALSE(page.has_more);

  page = items.page(query(2, true, std::nullopt, "i02"));  // exactly the rest
  EXPECT_THAT(ids(page), ElementsAre("i00", "i01"));
  EXPECT_FALSE(page.has_more);

  page = items.page(query(5, true, std::nullopt, "i00"));
  EXPECT_THAT(page.items, IsEmpty());
  EXPECT_FALSE(page.has_more);
}

TEST(OrderedCollectionPage, BeforeDescendingGivesTheClosestNewerObjectsInOrder) {
  const Collection items = make(10);
  auto page = items.page(query(2, false, std::nullopt, "i05"));
  EXPECT_THAT(ids(page), ElementsAre("i07", "i06"));
  EXPECT_TRUE(page.has_more);  // i08, i09 precede them in desc order

  page = items.page(query(20, false, std::nullopt, "i07"));
  EXPECT_THAT(ids(page), ElementsAre("i09", "i08"));
  EXPECT_FALSE(page.has_more);

  page = items.page(query(20, false, std::nullopt, "i09"));
  EXPECT_THAT(page.items, IsEmpty());
  EXPECT_FALSE(page.has_more);
}

// ---------------------------------------------------------------- after + before

TEST(OrderedCollectionPage, AfterAndBeforeTogetherGiveTheWindowBetweenThem) {
  const Collection items = make(10);
  auto page = items.page(query(20, true, "i02", "i07"));
  EXPECT_THAT(ids(page), ElementsAre("i03", "i04", "i05", "i06"));
  EXPECT_FALSE(page.has_more);  // objects past `before` do not count

  page = items.page(query(2, true, "i02", "i07"));
  EXPECT_THAT(ids(page), ElementsAre("i03", "i04"));
  EXPECT_TRUE(page.has_more);

  page = items.page(query(4, true, "i02", "i07"));
  EXPECT_THAT(ids(page), ElementsAre("i03", "i04", "i05", "i06"));
  EXPECT_FALSE(page.has_more);

  page = items.page(query(20, false, "i07", "i02"));
  EXPECT_THAT(ids(page), ElementsAre("i06", "i05", "i04", "i03"));
  EXPECT_FALSE(page.has_more);

  page = items.page(query(3, false, "i07", "i02"));
  EXPECT_THAT(ids(page), ElementsAre("i06", "i05", "i04"));
  EXPECT_TRUE(page.has_more);
}

TEST(OrderedCollectionPage, AdjacentOrInvertedCursorsGiveNothing) {
  const Collection items = make(10);
  for (const auto& [after, before, asc] :
       std::vector<std::tuple<std::string, std::string, bool>>{{"i03", "i04", true},
                                                               {"i07", "i02", true},
                                                               {"i04", "i03", false},
                                                               {"i02", "i07", false},
                                                               {"i05", "i05", true},
                                                               {"i05", "i05", false}}) {
    const auto page = items.page(query(20, asc, after, before));
    EXPECT_THAT(page.items, IsEmpty()) << after << ".." << before << (asc ? " asc" : " desc");
    EXPECT_FALSE(page.has_more);
  }
}

// ---------------------------------------------------------------- filters

TEST(OrderedCollectionPage, FilterKeepsOnlyMatchingObjects) {
  const Collection items = make(10);
  const Keep every_third = [](const Item& item) { return item.tag % 3 == 0; };
  auto page = items.page(query(20, true), every_third);
  EXPECT_THAT(ids(page), ElementsAre("i00", "i03", "i06", "i09"));
  EXPECT_FALSE(page.has_more);

  page = items.page(query(2, true), every_third);
  EXPECT_THAT(ids(page), ElementsAre("i00", "i03"));
  EXPECT_TRUE(page.has_more);

  page = items.page(query(2, true, "i03"), every_third);
  EXPECT_THAT(ids(page), ElementsAre("i06", "i09"));
  EXPECT_FALSE(page.has_more);

  page = items.page(query(2, false), every_third);
  EXPECT_THAT(ids(page), ElementsAre("i09", "i06"));
  EXPECT_TRUE(page.has_more);
}

TEST(OrderedCollectionPage, HasMoreIgnoresObjectsTheFilterDrops) {
  const Collection items = make(10);
  const Keep small = [](const Item& item) { return item.tag < 5; };
  auto page = items.page(query(5, true), small);
  EXPECT_THAT(ids(page), ElementsAre("i00", "i01", "i02", "i03", "i04"));
  EXPECT_FALSE(page.has_more);  // i05..i09 exist but do not match

  const Keep large = [](const Item& item) { return item.tag >= 5; };
  page = items.page(query(5, false), large);
  EXPECT_THAT(ids(page), ElementsAre("i09", "i08", "i07", "i06", "i05"));
  EXPECT_FALSE(page.has_more);
}

TEST(OrderedCollectionPage, CursorMayNameAnObjectTheFilterDrops) {
  const Collection items = make(10);
  const Keep even = [](const Item& item) { return item.tag % 2 == 0; };
  auto page = items.page(query(20, true, "i03"), even);
  EXPECT_THAT(ids(page), ElementsAre("i04", "i06", "i08"));
  page = items.page(query(20, false, std::nullopt, "i03"), even);
  EXPECT_THAT(ids(page), ElementsAre("i08", "i06", "i04"));
}

TEST(OrderedCollectionPage, FilterWithBeforeCountsOnlyMatches) {
  const Collection items = make(10);
  const Keep odd = [](const Item& item) { return item.tag % 2 == 1; };
  auto page = items.page(query(2, true, std::nullopt, "i08"), odd);
  EXPECT_THAT(ids(page), ElementsAre("i05", "i07"));
  EXPECT_TRUE(page.has_more);
  page = items.page(query(2, true, std::nullopt, "i04"), odd);
  EXPECT_THAT(ids(page), ElementsAre("i01", "i03"));
  EXPECT_FALSE(page.has_more);
}

TEST(OrderedCollectionPage, FilterThatMatchesNothing) {
  const Collection items = make(10);
  const auto page = items.page(query(20, false), [](const Item&) { return false; });
  EXPECT_THAT(page.items, IsEmpty());
  EXPECT_FALSE(page.has_more);
}

// ---------------------------------------------------------------- deleted cursors

TEST(OrderedCollectionPage, CursorOfADeletedObjectStillWorks) {
  Collection items = make(10);
  ASSERT_TRUE(items.erase("i05"));
  auto page = items.page(query(3, true, "i05"));
  EXPECT_THAT(ids(page), ElementsAre("i06", "i07", "i08"));
  EXPECT_TRUE(page.has_more);

  page = items.page(query(3, false, "i05"));
  EXPECT_THAT(ids(page), ElementsAre("i04", "i03", "i02"));

  page = items.page(query(2, true, std::nullopt, "i05"));
  EXPECT_THAT(ids(page), ElementsAre("i03", "i04"));

  page = items.page(query(2, false, std::nullopt, "i05"));
  EXPECT_THAT(ids(page), ElementsAre("i07", "i06"));

  page = items.page(query(20, true, "i05", "i05"));
  EXPECT_THAT(page.items, IsEmpty());
}

TEST(OrderedCollectionPage, DeletedObjectsAreNotListed) {
  Collection items = make(6);
  items.erase("i00");
  items.erase("i03");
  items.erase("i05");
  const auto page = items.page(query(20, true));
  EXPECT_THAT(ids(page), ElementsAre("i01", "i02", "i04"));
  EXPECT_FALSE(page.has_more);
}

TEST(OrderedCollectionPage, EveryObjectDeletedLeavesCursorsUsable) {
  Collection items = make(3);
  for (int i = 0; i < 3; ++i) items.erase(id_of(i));
  const auto page = items.page(query(20, false, "i02"));
  EXPECT_THAT(page.items, IsEmpty());
  EXPECT_FALSE(page.has_more);
}

TEST(OrderedCollectionPage, EraseWithoutTombstoneForgetsTheIdAsACursorToo) {
  Collection items = make(4);
  ASSERT_TRUE(items.erase_without_tombstone("i02"));
  EXPECT_EQ(items.find("i02"), nullptr);
  EXPECT_EQ(items.size(), 3U);
  EXPECT_THAT(ids(items.page(query(20, true))), ElementsAre("i00", "i01", "i03"));
  // Nothing is kept of it (a long-running server deleting threads must not grow): as a
  // cursor it is as unknown as an id never created, unlike one erased with erase().
  EXPECT_THROW(items.page(query(20, true, "i02")), UnknownCursor);
  ASSERT_TRUE(items.erase("i01"));
  EXPECT_THAT(ids(items.page(query(20, true, "i01"))), ElementsAre("i03"));
  EXPECT_FALSE(items.erase_without_tombstone("i02")) << "already gone";
  EXPECT_FALSE(items.erase_without_tombstone("i01")) << "a tombstone is not an object";
}

// ---------------------------------------------------------------- unknown cursors

TEST(OrderedCollectionPage, UnknownAfterThrowsUnknownCursor) {
  const Collection items = make(3);
  try {
    items.page(query(20, true, "i99"));
    FAIL() << "expected UnknownCursor";
  } catch (const UnknownCursor& cursor) {
    EXPECT_EQ(cursor.param, "after");
    EXPECT_EQ(cursor.id, "i99");
  }
}

TEST(OrderedCollectionPage, UnknownBeforeThrowsUnknownCursor) {
  const Collection items = make(3);
  try {
    items.page(query(20, false, std::nullopt, "nope"));
    FAIL() << "expected UnknownCursor";
  } catch (const UnknownCursor& cursor) {
    EXPECT_EQ(cursor.param, "before");
    EXPECT_EQ(cursor.id, "nope");
  }
}

TEST(OrderedCollectionPage, UnknownCursorInAnEmptyCollection) {
  const Collection items;
  EXPECT_THROW(items.page(query(20, true, "x")), UnknownCursor);
  EXPECT_THROW(items.page(query(20, true, std::nullopt, "x")), UnknownCursor);
}

TEST(OrderedCollectionPage, KnownAfterWithUnknownBeforeStillThrows) {
  const Collection items = make(3);
  EXPECT_THROW(items.page(query(20, true, "i00", "zz")), UnknownCursor);
}

// ---------------------------------------------------------------- paging through

// Pages through everything with `after` = last id of the previous page.
std::vector<std::string> walk_with_after(const Collection& items, std::size_t limit, bool asc,
                                         const Keep& keep, std::size_t* pages = nullptr) {
  std::vector<std::string> seen;
  std::optional<std::string> after;
  std::size_t count = 0;
  while (true) {
    const auto page = items.page(query(limit, asc, after), keep);
    ++count;
    const auto page_ids = ids(page);
    seen.insert(seen.end(), page_ids.begin(), page_ids.end());
    if (!page.has_more) break;
    EXPECT_FALSE(page_ids.empty()) << "has_more on an empty page";
    if (page_ids.empty() || count > 10'000) break;
    after = page_ids.back();
  }
  if (pages != nullptr) *pages = count;
  return seen;
}

// Pages back from the far end with `before` = first id of the previous page; returns the
// objects in the requested order.
std::vector<std::string> walk_with_before(const Collection& items, std::size_t limit, bool asc,
                                          const std::string& start) {
  std::vector<std::string> seen;
  std::string before = start;
  for (int guard = 0; guard < 10'000; ++guard) {
    const auto page = items.page(query(limit, asc, std::nullopt, before));
    const auto page_ids = ids(page);
    seen.insert(seen.begin(), page_ids.begin(), page_ids.end());
    if (!page.has_more) break;
    EXPECT_FALSE(page_ids.empty()) << "has_more on an empty page";
    if (page_ids.empty()) break;
    before = page_ids.front();
  }
  return seen;
}

TEST(OrderedCollectionPage, PagingWithAfterListsEveryObjectExactlyOnce) {
  for (const int size : {0, 1, 2, 19, 20, 21, 45, 100, 201}) {
    const Collection items = make(size);
    for (const std::size_t limit : {1U, 2U, 7U, 20U, 100U}) {
      for (const bool asc : {true, false}) {
        SCOPED_TRACE("size " + std::to_string(size) + " limit " + std::to_string(limit) +
                     (asc ? " asc" : " desc"));
        std::size_t pages = 0;
        const auto seen = walk_with_after(items, limit, asc, nullptr, &pages);
        ASSERT_EQ(seen, range_ids(0, size - 1, asc));
        const std::size_t n = static_cast<std::size_t>(size);
        const std::size_t expected_pages = n == 0 ? 1 : (n + limit - 1) / limit;
        EXPECT_EQ(pages, expected_pages);
      }
    }
  }
}

TEST(OrderedCollectionPage, PagingWithAfterAndAFilterListsEveryMatchOnce) {
  const Collection items = make(100);
  const Keep keep = [](const Item& item) { return item.tag % 7 != 3; };
  for (const std::size_t limit : {1U, 3U, 20U}) {
    for (const bool asc : {true, false}) {
      std::vector<std::string> expected;
      for (const auto& id : range_ids(0, 99, asc)) {
        if (keep(*items.find(id))) expected.push_back(id);
      }
      EXPECT_EQ(walk_with_after(items, limit, asc, keep), expected);
    }
  }
}

TEST(OrderedCollectionPage, PagingWithBeforeListsEveryObjectExactlyOnce) {
  const Collection items = make(45);
  for (const std::size_t limit : {1U, 4U, 20U, 100U}) {
    // Ascending pages walk back from the newest object, descending from the oldest.
    const auto asc = walk_with_before(items, limit, true, "i44");
    EXPECT_EQ(asc, range_ids(0, 43, true)) << "limit " << limit;
    const auto desc = walk_with_before(items, limit, false, "i00");
    EXPECT_EQ(desc, range_ids(1, 44, false)) << "limit " << limit;
  }
}

TEST(OrderedCollectionPage, PagingSurvivesDeletingTheCursorBetweenPages) {
  for (const bool asc : {true, false}) {
    Collection items = make(30);
    std::vector<std::string> seen;
    std::optional<std::string> after;
    while (true) {
      const auto page = items.page(query(7, asc, after));
      const auto page_ids = ids(page);
      seen.insert(seen.end(), page_ids.begin(), page_ids.end());
      if (!page.has_more) break;
      after = page_ids.back();
      items.erase(*after);  // the client's cursor disappears before it asks again
    }
    EXPECT_EQ(seen, range_ids(0, 29, asc)) << (asc ? "asc" : "desc");
  }
}

TEST(OrderedCollectionPage, ObjectsAddedWhilePagingAscendingAppearOnLaterPages) {
  Collection items = make(10);
  const auto first = items.page(query(5, true));
  items.insert(Item{"late", 10});
  const auto second = items.page(query(20, true, ids(first).back()));
  EXPECT_THAT(ids(second), ElementsAre("i05", "i06", "i07", "i08", "i09", "late"));
}

// ---------------------------------------------------------------- model check

// A straightforward reference: the objects in order, cut by the cursors, then the page.
struct ReferenceEntry {
  std::string id;
  int tag;
  bool alive;
};

Page<ReferenceEntry> reference_page(const std::vector<ReferenceEntry>& all, const PageQuery& q,
                                    const Keep& keep) {
  const auto position = [&](const std::optional<std::string>& id) -> std::optional<std::size_t> {
    if (!id) return std::nullopt;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i].id == *id) return i;
    }
    return std::nullopt;
  };
  const auto after = position(q.after);
  const auto before = position(q.before);
  std::vector<const ReferenceEntry*> window;
  for (std::size_t k = 0; k < all.size(); ++k) {
    const std::size_t i = q.ascending ? k : all.size() - 1 - k;
    const ReferenceEntry& e = all[i];
    if (!e.alive || (keep && !keep(Item{e.id, e.tag}))) continue;
    if (after && (q.ascending ? i <= *after : i >= *after)) continue;
    if (before && (q.ascending ? i >= *before : i <= *before)) continue;
    window.push_back(&e);
  }
  Page<ReferenceEntry> page;
  page.has_more = window.size() > q.limit;
  const std::size_t n = std::min(q.limit, window.size());
  if (before && !after) {
    page.items.assign(window.end() - static_cast<std::ptrdiff_t>(n), window.end());
  } else {
    page.items.assign(window.begin(), window.begin() + static_cast<std::ptrdiff_t>(n));
  }
  return page;
}

TEST(OrderedCollectionPage, MatchesAReferenceModelOnRandomOperations) {
  std::mt19937 random(20240517);
  const auto pick = [&random](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
  };
  Collection items;
  std::vector<ReferenceEntry> model;
  const std::vector<Keep> filters = {nullptr, [](const Item& item) { return item.tag % 2 == 0; },
                                     [](const Item& item) { return item.tag % 5 != 1; }};
  int next = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::size_t action = pick(10);
    if (action < 4 || model.empty()) {
      const int tag = next++;
      items.insert(Item{"o" + std::to_string(tag), tag});
      model.push_back({"o" + std::to_string(tag), tag, true});
      continue;
    }
    if (action < 5) {
      ReferenceEntry& victim = model[pick(model.size())];
      EXPECT_EQ(items.erase(victim.id), victim.alive);
      victim.alive = false;
      continue;
    }
    PageQuery q;
    q.limit = pick(12);
    q.ascending = pick(2) == 0;
    if (pick(2) == 0) q.after = model[pick(model.size())].id;
    if (pick(3) == 0) q.before = model[pick(model.size())].id;
    const Keep& keep = filters[pick(filters.size())];
    const auto expected = reference_page(model, q, keep);
    const auto actual = items.page(q, keep);
    std::vector<std::string> expected_ids;
    for (const auto* e : expected.items) expected_ids.push_back(e->id);
    ASSERT_EQ(ids(actual), expected_ids)
        << "round " << round << " limit " << q.limit << (q.ascending ? " asc" : " desc")
        << " after " << q.after.value_or("-") << " before " << q.before.value_or("-");
    ASSERT_EQ(actual.has_more, expected.has_more) << "round " << round;
  }
}

}  // namespace
