#pragma once
// Items built member by member. ordered_json keeps an object's members in a vector, so an
// object built without room moves its members at the 2nd, 3rd, 5th and 9th; the items a
// response makes (and the id added to each input item) are built with room for all.
#include <cstddef>

#include "http/json.hpp"

namespace mock::responses {

inline Json object_with_room(std::size_t members) {
  Json object = Json::object();
  object.get_ref<Json::object_t&>().reserve(members);
  return object;
}

}  // namespace mock::responses
