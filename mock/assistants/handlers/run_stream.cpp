#include "mock/assistants/handlers/run_stream.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "mock/assistants/lifecycle/stream_events.hpp"

namespace mock::assistants {
namespace {
using Events = std::vector<std::pair<std::string, Json>>;
constexpr std::int64_t k_max_sleep_ms = 50;
constexpr std::int64_t k_manual_clock_poll_ms = 5;
// An idle stream sends an SSE comment now and then: it keeps proxies from timing out
// and tells us when the client has gone.
constexpr auto k_heartbeat = std::chrono::seconds(5);

struct Poll {
  Events batch;
  bool finished = false;
  std::int64_t wake_at_ms = 0;
};

Poll poll_run(Services& services, const std::string& thread_id, const std::string& run_id,
              std::size_t& cursor) {
  Poll poll;
  services.store.with_thread(thread_id, [&](const AssistantsState&, Thread* thread) {
    Run* run = thread != nullptr ? thread->runs.find(run_id) : nullptr;
    if (run == nullptr) {  // deleted meanwhile
      poll.finished = true;
      return;
    }
    services.runs.advance(*thread, services.clock.now_ms());
    Events& log = run->progress.events;
    if (cursor > log.size()) {
      // A newer stream of this run (tool outputs submitted with stream: true) started a new
      // log while this one waited: this stream's part of the run is over.
      poll.finished = true;
      return;
    }
    poll.batch.assign(log.begin() + static_cast<std::ptrdiff_t>(cursor), log.end());
    cursor = log.size();
    poll.finished = is_terminal(run->status) || run->status == RunStatus::requires_action;
    if (poll.finished) {
      run->progress.capture_events = false;
      log.clear();
    }
    poll.wake_at_ms = run->progress.next_due_ms;
    if (run->expires_at) poll.wake_at_ms = std::min(poll.wake_at_ms, *run->expires_at * 1000);
  });
  return poll;
}

void stop_capturing(Services& services, const std::string& thread_id, const std::string& run_id) {
  services.store.with_thread(thread_id, [&](const AssistantsState&, Thread* thread) {
    Run* run = thread != nullptr ? thread->runs.find(run_id) : nullptr;
    if (run != nullptr) {
      run->progress.capture_events = false;
      run->progress.events.clear();
    }
  });
}
}  // namespace

void start_capturing(Run& run, ApiVersion version) {
  run.progress.capture_events = true;
  run.progress.stream_version = version;
  run.progress.events.clear();
}

http::ApiResponse stream_run_response(Services& services, std::string thread_id, std::string run_id) {
  http::ApiResponse response;
  response.content_type = "text/event-stream";
  response.headers.emplace("cache-control", "no-cache");
  response.stream = [&services, thread_id, run_id](http::StreamSink& sink) {
    std::size_t cursor = 0;
    auto last_write = std::chrono::steady_clock::now();
    while (!services.stopping.load()) {
      Poll poll = poll_run(services, thread_id, run_id, cursor);
      for (const auto& [name, data] : poll.batch) {
        if (!sink.write(events::format_sse(name, data))) {
          stop_capturing(services, thread_id, run_id);
          return;
        }
        last_write = std::chrono::steady_clock::now();
      }
      if (poll.finished) {
        sink.write(events::done_event());
        return;
      }
      if (std::chrono::steady_clock::now() - last_write > k_heartbeat) {
        if (!sink.write(": keep-alive\n\n")) {
          stop_capturing(services, thread_id, run_id);
          return;
        }
        last_write = std::chrono::steady_clock::now();
      }
      const std::int64_t sleep_ms =
          services.clock.is_manual()
              ? k_manual_clock_poll_ms
              : std::clamp<std::int64_t>(poll.wake_at_ms - services.clock.now_ms(), 1, k_max_sleep_ms);
      std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
    }
    stop_capturing(services, thread_id, run_id);
  };
  return response;
}

}  // namespace mock::assistants
