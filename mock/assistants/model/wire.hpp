#pragma once
// The wire shapes, per API version (field order as in the API reference and, for v1, as
// in the seed article's real responses of December 2023). What each version shows of
// objects the other created is described in the README ("v1 and v2").
#include "mock/assistants/model/objects.hpp"
#include "mock/core/json.hpp"

namespace mock::assistants {

Json to_wire(const Assistant& assistant, ApiVersion version = ApiVersion::v2);
Json to_wire(const Thread& thread, ApiVersion version = ApiVersion::v2);
Json to_wire(const Message& message, ApiVersion version = ApiVersion::v2);
Json to_wire(const Run& run, ApiVersion version = ApiVersion::v2);
Json to_wire(const RunStep& step, ApiVersion version = ApiVersion::v2);

// The shapes inside stream events. Streaming came to v1 in March 2024, so a v1 stream
// carries the final v1 shapes: the December 2023 object plus the fields v1 gained since
// (message status and completion times, run limits and usage, step usage; FACTS.md 2.6).
// v2 streams carry the ordinary v2 shapes.
Json to_stream_wire(const Message& message, ApiVersion version);
Json to_stream_wire(const Run& run, ApiVersion version);
Json to_stream_wire(const RunStep& step, ApiVersion version);

// {"id", "object": "<object>.deleted", "deleted": true}
Json deleted_wire(const std::string& id, const std::string& object);

// The list envelope: {"object":"list","data":[...],"first_id","last_id","has_more"}.
// first_id/last_id are null on an empty page.
template <class T>
Json list_wire(const core::Page<T>& page, ApiVersion version = ApiVersion::v2) {
  Json data = Json::array();
  for (const T* item : page.items) data.push_back(to_wire(*item, version));
  Json out = Json::object();
  out["object"] = "list";
  out["data"] = std::move(data);
  out["first_id"] = page.items.empty() ? Json(nullptr) : Json(page.items.front()->id);
  out["last_id"] = page.items.empty() ? Json(nullptr) : Json(page.items.back()->id);
  out["has_more"] = page.has_more;
  return out;
}

}  // namespace mock::assistants
