#pragma once
// The v2 list envelope {"object":"list","data","first_id","last_id","has_more"} for any
// page of objects with an `id`; first_id/last_id are null on an empty page.
#include <utility>

#include "http/json.hpp"
#include "mock/core/ordered_collection.hpp"

namespace mock::core {

template <class T, class ToJson>
Json list_envelope(const core::Page<T>& page, ToJson&& to_json) {
  Json data = Json::array();
  for (const T* item : page.items) data.push_back(to_json(*item));
  Json out = Json::object();
  out["object"] = "list";
  out["data"] = std::move(data);
  out["first_id"] = page.items.empty() ? Json(nullptr) : Json(page.items.front()->id);
  out["last_id"] = page.items.empty() ? Json(nullptr) : Json(page.items.back()->id);
  out["has_more"] = page.has_more;
  return out;
}

}  // namespace mock::core
