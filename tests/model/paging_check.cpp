#include "tests/model/paging_check.hpp"

#include <algorithm>

namespace tests::model {
namespace {
using mock::Json;

std::vector<ListEntry> in_requested_order(std::vector<ListEntry> entries, const ListQuery& query) {
  if (!query.ascending.value_or(false)) std::reverse(entries.begin(), entries.end());
  return entries;
}

std::optional<std::size_t> position_of(const std::vector<ListEntry>& entries,
                                       const std::string& id) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].id == id) return i;
  }
  return std::nullopt;
}

std::vector<std::string> listed_ids(const std::vector<ListEntry>& entries) {
  std::vector<std::string> ids;
  for (const ListEntry& entry : entries) {
    if (entry.listed) ids.push_back(entry.id);
  }
  return ids;
}

std::string join(const std::vector<std::string>& ids) {
  std::string out = "[";
  for (const std::string& id : ids) out += (out.size() > 1 ? ", " : "") + id;
  return out + "]";
}

std::string url(const ListQuery& query, const std::optional<std::string>& after,
                const std::optional<std::string>& before) {
  std::string out = query.path + "?limit=" + std::to_string(query.limit);
  if (query.ascending) out += *query.ascending ? "&order=asc" : "&order=desc";
  if (after) out += "&after=" + *after;
  if (before) out += "&before=" + *before;
  if (!query.extra.empty()) out += "&" + query.extra;
  return out;
}

// Pages are bounded by the number of objects; a server that keeps saying has_more would
// otherwise loop for ever.
std::size_t page_budget(const std::vector<ListEntry>& entries) { return entries.size() + 2; }
}  // namespace

ExpectedPage expected_page(const std::vector<ListEntry>& in_order, std::optional<std::size_t> after,
                           std::optional<std::size_t> before, std::size_t limit) {
  std::vector<std::string> candidates;
  for (std::size_t i = 0; i < in_order.size(); ++i) {
    if (after && i <= *after) continue;
    if (before && i >= *before) continue;
    if (in_order[i].listed) candidates.push_back(in_order[i].id);
  }
  ExpectedPage page;
  page.has_more = candidates.size() > limit;
  if (!page.has_more) {
    page.ids = std::move(candidates);
  } else if (before && !after) {  // the objects nearest the cursor
    page.ids.assign(candidates.end() - static_cast<std::ptrdiff_t>(limit), candidates.end());
  } else {
    page.ids.assign(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(limit));
  }
  return page;
}

std::vector<std::string> check_page(ServerUnderTest& sut, const ListQuery& query,
                                    const std::optional<std::string>& after,
                                    const std::optional<std::string>& before,
                                    const ExpectedPage& expected) {
  const std::string where = "GET " + url(query, after, before);
  const support::ApiResult result = sut.get(url(query, after, before));
  require(result.status == 200, where + ": " + support::describe(result));
  const Json& page = result.json;
  require(page.value("object", "") == "list" && page.contains("data") && page["data"].is_array(),
          where + ": not a list: " + result.body);
  std::vector<std::string> ids;
  for (const Json& item : page["data"]) ids.push_back(item.value("id", ""));
  require(ids.size() <= query.limit, where + ": " + std::to_string(ids.size()) + " objects");
  require(ids == expected.ids, where + ": got " + join(ids) + ", expected " + join(expected.ids));
  require(page.value("has_more", !expected.has_more) == expected.has_more,
          where + ": has_more should be " + (expected.has_more ? "true" : "false"));
  const Json first = ids.empty() ? Json(nullptr) : Json(ids.front());
  const Json last = ids.empty() ? Json(nullptr) : Json(ids.back());
  require(page.value("first_id", Json("missing")) == first &&
              page.value("last_id", Json("missing")) == last,
          where + ": first_id/last_id " + page.value("first_id", Json()).dump() + "/" +
              page.value("last_id", Json()).dump() + " for data " + join(ids));
  return ids;
}

void check_walk_after(ServerUnderTest& sut, const ListQuery& query,
                      const std::vector<ListEntry>& creation_order) {
  const std::vector<ListEntry> entries = in_requested_order(creation_order, query);
  std::vector<std::string> seen;
  std::optional<std::string> after;
  for (std::size_t pages = 0;; ++pages) {
    require(pages < page_budget(entries), "GET " + query.path + ": more pages than objects");
    const auto after_pos = after ? position_of(entries, *after) : std::nullopt;
    const ExpectedPage expected = expected_page(entries, after_pos, std::nullopt, query.limit);
    const std::vector<std::string> ids = check_page(sut, query, after, std::nullopt, expected);
    seen.insert(seen.end(), ids.begin(), ids.end());
    if (!expected.has_more) break;
    after = ids.back();
  }
  // Every object exactly once, in order, across the pages.
  require(seen == listed_ids(entries), "GET " + query.path + " pages gave " + join(seen) +
                                           ", expected " + join(listed_ids(entries)));
}

void check_walk_before(ServerUnderTest& sut, const ListQuery& query,
                       const std::vector<ListEntry>& creation_order) {
  const std::vector<ListEntry> entries = in_requested_order(creation_order, query);
  std::vector<std::string> all = listed_ids(entries);
  if (all.empty()) {
    check_page(sut, query, std::nullopt, std::nullopt, ExpectedPage{});
    return;
  }
  // Start at the last object; each page is the run of objects just before the cursor.
  std::string before = all.back();
  all.pop_back();
  std::vector<std::string> seen;
  for (std::size_t pages = 0;; ++pages) {
    require(pages < page_budget(entries), "GET " + query.path + ": more pages than objects");
    const ExpectedPage expected =
        expected_page(entries, std::nullopt, position_of(entries, before), query.limit);
    const std::vector<std::string> ids = check_page(sut, query, std::nullopt, before, expected);
    seen.insert(seen.begin(), ids.begin(), ids.end());
    if (!expected.has_more) break;
    before = ids.front();
  }
  require(seen == all, "GET " + query.path + " pages before the last gave " + join(seen) +
                           ", expected " + join(all));
}

}  // namespace tests::model
