#pragma once
// Lookups and helpers every Assistants handler uses: fetch-or-404 with the prefix
// check, lazy run advancement, list pages.
#include <functional>
#include <string>

#include "mock/assistants/beta_header.hpp"
#include "mock/assistants/model/wire.hpp"
#include "mock/assistants/params/list_params.hpp"
#include "mock/assistants/services.hpp"
#include "mock/http/api_message.hpp"

namespace mock::assistants {

// Path id -> object, or ApiError 400 (wrong prefix) / 404 ("No thread found with id '...'.").
Assistant& require_assistant(AssistantsState& state, const std::string& id,
                             const std::string& param = "assistant_id");
const Assistant& require_assistant(const AssistantsState& state, const std::string& id,
                                   const std::string& param = "assistant_id");
// Also applies every run transition that fell due, so what the caller reads is current.
Thread& require_thread(AssistantsState& state, Services& services, const std::string& id);
Message& require_message(Thread& thread, const std::string& id);
Run& require_run(Thread& thread, const std::string& id);
RunStep& require_step(Run& run, const std::string& id);

// The request body as a JSON object (empty body -> {}).
Json request_body(const http::ApiRequest& request);

// A list page as the wire envelope; unknown cursors become 400.
template <class T>
Json list_page(const core::OrderedCollection<T>& collection, const http::ApiRequest& request,
               const std::function<bool(const T&)>& keep = nullptr) {
  const core::PageQuery query = parse_list_query(request);
  try {
    return list_wire(collection.page(query, keep), version_of(request));
  } catch (const core::UnknownCursor& cursor) {
    throw_unknown_cursor(cursor);
  }
}

// An object in the shape of the request's API version.
template <class T>
Json wire(const T& object, const http::ApiRequest& request) {
  return to_wire(object, version_of(request));
}

// Copies `key` from a normalised body onto an optional<string> field (null clears it).
void assign_optional_string(std::optional<std::string>& field, const Json& body, const char* key);

}  // namespace mock::assistants

namespace mock::assistants {

// Appends a message a client wrote (normalised by parse_create_message) to the thread.
Message& append_client_message(Thread& thread, const Json& fields, Services& services);

}  // namespace mock::assistants
