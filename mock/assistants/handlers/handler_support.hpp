#pragma once
// Lookups and helpers every Assistants handler uses: fetch-or-404 with the prefix
// check, lazy run advancement, list pages.
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "http/api_message.hpp"
#include "mock/assistants/model/v1_dated_shapes.hpp"
#include "mock/assistants/model/wire.hpp"
#include "mock/assistants/params/message_body.hpp"
#include "mock/assistants/params/shared_params.hpp"
#include "mock/assistants/services.hpp"
#include "mock/core/beta_header.hpp"
#include "mock/core/list_envelope.hpp"
#include "mock/core/list_params.hpp"

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
// For readers: no run advances, and the objects' cached wire bytes stay.
const Thread& require_thread(const AssistantsState& state, const std::string& id);
const Message& require_message(const Thread& thread, const std::string& id);
const Run& require_run(const Thread& thread, const std::string& id);
const RunStep& require_step(const Run& run, const std::string& id);

// A thread the store lock found, or ApiError 404 ("No thread found with id '...'.").
Thread& found_thread(Thread* thread, const std::string& id);
const Thread& found_thread(const Thread* thread, const std::string& id);

// Changes one thread: change(const AssistantsState&, Thread&) under that thread's exclusive
// lock (requests to other threads go on meanwhile), after its run advanced. Creating or
// deleting objects, or changing an assistant, needs store.with_state instead.
template <class Change>
decltype(auto) change_thread(Services& services, const std::string& thread_id, Change&& change) {
  core::check_id_prefix("thread_id", thread_id, "thread_");
  return services.store.with_thread(thread_id, [&](const AssistantsState& state, Thread* found) {
    Thread& thread = found_thread(found, thread_id);
    services.runs.advance(thread, services.clock.now_ms());
    return change(state, thread);
  });
}

// Answers a read of one thread (its messages, runs, steps). A thread with no active run has
// nothing that time can change, so it is read under the thread's shared lock, beside other
// readers; one with an active run is read under its exclusive lock, after its run advanced.
template <class Read>
http::ApiResponse read_thread(Services& services, const std::string& thread_id, Read&& read) {
  core::check_id_prefix("thread_id", thread_id, "thread_");
  std::optional<http::ApiResponse> served = services.store.read_thread(
      thread_id, [&](const AssistantsState&, const Thread* found) -> std::optional<http::ApiResponse> {
        const Thread& thread = found_thread(found, thread_id);
        if (thread.active_run_id) return std::nullopt;
        return read(thread);
      });
  if (served) return std::move(*served);
  return change_thread(services, thread_id, [&](const AssistantsState&, Thread& thread) {
    return read(std::as_const(thread));
  });
}

// A list page as the wire envelope; unknown cursors become 400.
template <class T>
http::ApiResponse list_response(const core::OrderedCollection<T>& collection,
                                const http::ApiRequest& request,
                                const std::function<bool(const T&)>& keep = nullptr) {
  const core::PageQuery query = core::parse_list_query(request);
  try {
    const core::Page<T> page = collection.page(query, keep);
    if (!page.items.empty() && dated_v1_wire(*page.items.front(), request)) {
      // Each item in the date's v1 shape, rendered once.
      return http::ApiResponse::json(
          core::list_envelope(page, [&request](const T& item) { return *dated_v1_wire(item, request); }));
    }
    return http::ApiResponse::json_text(list_wire_text(page, core::version_of(request)));
  } catch (const core::UnknownCursor& cursor) {
    core::throw_unknown_cursor(cursor);
  }
}

// An object in the shape of the request's API version. Call it last, after every change
// to the object: its bytes may be kept (wire_cache.hpp).
template <class T>
http::ApiResponse object_response(const T& object, const http::ApiRequest& request) {
  if (auto dated = dated_v1_wire(object, request)) return http::ApiResponse::json(*dated);
  return http::ApiResponse::json_text(cached_wire_text(object, core::version_of(request)));
}

// A just-created object: its bytes are not kept, the cache fills when a client reads the
// object. A client that creates 100,000 messages and reads few would otherwise hold each
// message twice, and every create would pay for a copy of its answer.
template <class T>
http::ApiResponse created_response(const T& object, const http::ApiRequest& request) {
  if (auto dated = dated_v1_wire(object, request)) return http::ApiResponse::json(*dated);
  return http::ApiResponse::json_text(checked_wire_text(object, core::version_of(request)));
}

}  // namespace mock::assistants

namespace mock::assistants {

// Appends a message a client wrote to the thread.
Message& append_client_message(Thread& thread, NewMessage written, Services& services);

}  // namespace mock::assistants
