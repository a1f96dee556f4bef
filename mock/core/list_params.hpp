#pragma once
// limit (1..100, default 20), order (asc|desc, default desc), after, before.
#include "http/api_message.hpp"
#include "mock/core/ordered_collection.hpp"

namespace mock::core {

core::PageQuery parse_list_query(const http::ApiRequest& request);

// Turns a cursor the collection does not know into the 400 the client sees.
[[noreturn]] void throw_unknown_cursor(const core::UnknownCursor& cursor);

}  // namespace mock::core
