#pragma once
// GET lists of items (a conversation's, a response's input): limit, order (default desc)
// and after, as the spec has them (no `before`), in the list envelope whose first_id and
// last_id the spec types as strings.
#include "http/json.hpp"
#include "mock/core/ordered_collection.hpp"
#include "http/api_message.hpp"
#include "mock/responses/objects.hpp"

namespace mock::responses {

core::PageQuery parse_item_list_query(const http::ApiRequest& request);
Json item_page(const core::OrderedCollection<Item>& items, const core::PageQuery& query);
// The list envelope around items already in the order to send.
Json item_list(Json data, bool has_more);

}  // namespace mock::responses
