#pragma once
// The wire shapes, per API version (field order as in the API reference and, for v1, as
// in the seed article's real responses of December 2023). What each version shows of
// objects the other created is described in the README ("v1 and v2").
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "http/json.hpp"
#include "mock/assistants/model/objects.hpp"
#include "mock/core/list_envelope.hpp"

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

// to_wire(object, version) as the bytes a client receives. Messages, which lists carry by
// the page, assistants and threads, which clients create and change most, are written
// straight to text; runs and steps through their JSON value.
std::string wire_text(const Assistant& assistant, ApiVersion version);
std::string wire_text(const Thread& thread, ApiVersion version);
std::string wire_text(const Message& message, ApiVersion version);
template <class T>
std::string wire_text(const T& object, ApiVersion version) {
  return mock::to_wire_text(to_wire(object, version));
}

// Debug builds (the test suites) compare `text` with the bytes of the object's JSON value
// and throw std::logic_error naming `source` on a difference.
template <class T>
void check_wire_text([[maybe_unused]] const T& object, [[maybe_unused]] ApiVersion version,
                     [[maybe_unused]] const std::string& text, [[maybe_unused]] const char* source) {
#ifndef NDEBUG
  if (text != mock::to_wire_text(to_wire(object, version))) {
    throw std::logic_error("wire text of " + object.id + " differs from its JSON value (" +
                           source + ")");
  }
#endif
}

// wire_text(object, version), checked as above; the object's wire cache is left alone.
template <class T>
std::string checked_wire_text(const T& object, ApiVersion version) {
  std::string text = wire_text(object, version);
  check_wire_text(object, version, text, "text writer");
  return text;
}

// wire_text(object, version), from the object's wire cache when it holds them.
// Debug builds (the test suites) check every answer against the JSON value's bytes and
// throw std::logic_error on a difference: cached bytes of an object that changed without a
// mutable access that drops them, or a text writer that strays from to_wire.
template <class T>
const std::string& cached_wire_text(const T& object, ApiVersion version) {
  const std::size_t slot = version == ApiVersion::v1 ? 0 : 1;
  const std::string* cached = object.wire_cache.find(slot);
  const std::string& text = cached != nullptr ? *cached : object.wire_cache.install(slot, wire_text(object, version));
  check_wire_text(object, version, text, cached != nullptr ? "stale cache" : "text writer");
  return text;
}

// The list envelope: {"object":"list","data":[...],"first_id","last_id","has_more"}.
// first_id/last_id are null on an empty page.
template <class T>
Json list_wire(const core::Page<T>& page, ApiVersion version = ApiVersion::v2) {
  return core::list_envelope(page, [version](const T& item) { return to_wire(item, version); });
}

// list_wire(page, version) as bytes, built from the items' cached bytes.
template <class T>
std::string list_wire_text(const core::Page<T>& page, ApiVersion version = ApiVersion::v2) {
  // Reserved at its final size: growing an 8 KB page by doubling cost five allocations of a
  // kilobyte or more, which glibc serves from its arena lists rather than the thread cache.
  std::vector<const std::string*> items;
  items.reserve(page.items.size());
  std::size_t size = 128;  // envelope, ids and commas
  for (const T* item : page.items) {
    items.push_back(&cached_wire_text(*item, version));
    size += items.back()->size() + 2 * item->id.size();
  }
  std::string out;
  out.reserve(size);
  out += R"({"object":"list","data":[)";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += *items[i];
  }
  const auto id_or_null = [](const T* item) {
    return item == nullptr ? std::string("null") : mock::to_wire_text(Json(item->id));
  };
  out += R"(],"first_id":)";
  out += id_or_null(page.items.empty() ? nullptr : page.items.front());
  out += R"(,"last_id":)";
  out += id_or_null(page.items.empty() ? nullptr : page.items.back());
  out += page.has_more ? R"(,"has_more":true})" : R"(,"has_more":false})";
  return out;
}

}  // namespace mock::assistants
