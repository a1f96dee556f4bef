#include "mock/responses/item_list.hpp"

#include "mock/core/list_params.hpp"

namespace mock::responses {

core::PageQuery parse_item_list_query(const http::ApiRequest& request) {
  core::PageQuery query = core::parse_list_query(request);
  query.before.reset();  // not a parameter of these lists
  return query;
}

Json item_page(const core::OrderedCollection<Item>& items, const core::PageQuery& query) {
  try {
    const core::Page<Item> page = items.page(query);
    Json data = Json::array();
    for (const Item* item : page.items) data.push_back(item->wire);
    return item_list(std::move(data), page.has_more);
  } catch (const core::UnknownCursor& cursor) {
    core::throw_unknown_cursor(cursor);
  }
}

Json item_list(Json data, bool has_more) {
  // An empty page has no first or last item; the spec types both as strings, so "" it is.
  Json first = data.empty() ? Json("") : data.front()["id"];
  Json last = data.empty() ? Json("") : data.back()["id"];
  return Json{{"object", "list"}, {"data", std::move(data)}, {"first_id", std::move(first)},
              {"last_id", std::move(last)}, {"has_more", has_more}};
}

}  // namespace mock::responses
