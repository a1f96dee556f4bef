#include "mock/responses/stream.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "mock/assistants/lifecycle/stream_events.hpp"
#include "mock/responses/context.hpp"
#include "mock/responses/events.hpp"
#include "mock/responses/lifecycle.hpp"

namespace mock::responses {
namespace {
constexpr std::int64_t k_max_sleep_ms = 50;
constexpr std::int64_t k_manual_clock_poll_ms = 5;

http::ApiResponse event_stream(http::StreamProducer producer) {
  http::ApiResponse response;
  response.content_type = "text/event-stream";
  response.headers.emplace("cache-control", "no-cache");
  response.stream = std::move(producer);
  return response;
}

std::string sse(const Json& event) {
  return assistants::events::format_sse(event["type"].get<std::string>(), event);
}

struct Poll {
  std::vector<Json> events;
  bool finished = true;
  std::int64_t wake_at_ms = 0;
};

Poll poll(ResponsesServices& services, const std::string& id) {
  return services.store.with_state([&](ResponsesState& state) {
    Poll out;
    StoredResponse* response = state.responses.find(id);
    if (response == nullptr) return out;  // deleted meanwhile
    advance_response(state, *response, services.clock.now_ms());
    out.events = response_events(*response);
    out.finished = is_terminal(response->status);
    out.wake_at_ms = response->status == ResponseStatus::queued ? response->in_progress_due_ms
                                                                : response->finish_due_ms;
    return out;
  });
}
}  // namespace

// One write for all the events: each stays whole, and a write per event (a chunk, a poll
// and a TCP segment each) cost more than making the events.
http::ApiResponse stream_events(std::vector<Json> events, std::size_t from) {
  return event_stream([events = std::move(events), from](http::StreamSink& sink) {
    std::string text;
    for (std::size_t i = from; i < events.size(); ++i) text += sse(events[i]);
    if (!text.empty()) sink.write(text);
  });
}

http::ApiResponse follow_response(ResponsesServices& services, std::string response_id, std::size_t from) {
  return event_stream([&services, id = std::move(response_id), from](http::StreamSink& sink) {
    std::size_t cursor = from;
    while (!services.stopping.load()) {
      const Poll next = poll(services, id);
      for (; cursor < next.events.size(); ++cursor) {
        if (!sink.write(sse(next.events[cursor]))) return;
      }
      if (next.finished) return;
      const std::int64_t sleep_ms =
          services.clock.is_manual()
              ? k_manual_clock_poll_ms
              : std::clamp<std::int64_t>(next.wake_at_ms - services.clock.now_ms(), 1, k_max_sleep_ms);
      std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
    }
  });
}

}  // namespace mock::responses
