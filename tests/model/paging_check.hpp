#pragma once
// List endpoints against the model: what one page must hold for a limit, an order and
// cursors, and walks over every page checking each page and that every object comes
// exactly once, in order.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "tests/model/server_under_test.hpp"

namespace tests::model {

// One object of a list in the model, in creation order. Deleted objects stay: their ids
// still work as cursors.
struct ListEntry {
  std::string id;
  bool listed = true;  // false: deleted, or left out by a filter
};

struct ExpectedPage {
  std::vector<std::string> ids;
  bool has_more = false;
};

// The page the service answers, positions being indices into `in_order` (the entries in
// the requested order).
ExpectedPage expected_page(const std::vector<ListEntry>& in_order, std::optional<std::size_t> after,
                           std::optional<std::size_t> before, std::size_t limit);

struct ListQuery {
  std::string path;   // e.g. /v1/threads/thread_x/messages
  std::string extra;  // more query parameters ("run_id=..."), or ""
  std::size_t limit = 20;
  std::optional<bool> ascending;  // nullopt: the default order (desc)
};

// GETs one page and checks it against `expected` (data ids, has_more, first_id, last_id).
// Returns the ids it got.
std::vector<std::string> check_page(ServerUnderTest& sut, const ListQuery& query,
                                    const std::optional<std::string>& after,
                                    const std::optional<std::string>& before,
                                    const ExpectedPage& expected);

// Follows `after` = last_id from the first page until has_more is false.
void check_walk_after(ServerUnderTest& sut, const ListQuery& query,
                      const std::vector<ListEntry>& creation_order);
// From the last object, follows `before` = first_id back to the first page.
void check_walk_before(ServerUnderTest& sut, const ListQuery& query,
                       const std::vector<ListEntry>& creation_order);

}  // namespace tests::model
