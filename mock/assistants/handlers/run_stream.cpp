#include "mock/assistants/handlers/run_stream.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
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
              const RunEventLog& log, std::size_t& cursor) {
  Poll poll;
  services.store.with_thread(thread_id, [&](const AssistantsState&, Thread* thread) {
    Run* run = thread != nullptr ? thread->runs.find(run_id) : nullptr;
    if (run == nullptr) {  // deleted meanwhile
      poll.finished = true;
      return;
    }
    services.runs.advance(*thread, services.clock.now_ms());
    // This stream's own log only grows, so the cursor is never past its end.
    poll.batch.assign(log.events.begin() + static_cast<std::ptrdiff_t>(cursor), log.events.end());
    cursor = log.events.size();
    if (log.closed) {
      // A newer stream of this run took over: this one has sent all it saw.
      poll.finished = true;
      return;
    }
    poll.finished = is_terminal(run->status) || run->status == RunStatus::requires_action;
    if (poll.finished) run->progress.event_log.reset();  // an open log is the run's own
    poll.wake_at_ms = run->progress.next_due_ms;
    if (run->expires_at) poll.wake_at_ms = std::min(poll.wake_at_ms, *run->expires_at * 1000);
  });
  return poll;
}

// The client went away: the run goes on, and stops writing this stream's events.
void stop_capturing(Services& services, const std::string& thread_id, const std::string& run_id,
                    const std::shared_ptr<RunEventLog>& log) {
  services.store.with_thread(thread_id, [&](const AssistantsState&, Thread* thread) {
    Run* run = thread != nullptr ? thread->runs.find(run_id) : nullptr;
    if (run != nullptr && run->progress.event_log == log) run->progress.event_log.reset();
  });
}
}  // namespace

void start_capturing(Run& run, ApiVersion version) {
  if (run.progress.event_log) run.progress.event_log->closed = true;
  run.progress.event_log = std::make_shared<RunEventLog>();
  run.progress.event_log->version = version;
}

http::ApiResponse stream_run_response(Services& services, std::string thread_id, const Run& run) {
  std::shared_ptr<RunEventLog> log = run.progress.event_log;
  if (!log) {  // no start_capturing: a stream with nothing to send, ended at once
    log = std::make_shared<RunEventLog>();
    log->closed = true;
  }
  http::ApiResponse response;
  response.content_type = "text/event-stream";
  response.headers.emplace("cache-control", "no-cache");
  response.stream = [&services, thread_id, run_id = run.id, log](http::StreamSink& sink) {
    std::size_t cursor = 0;
    auto last_write = std::chrono::steady_clock::now();
    while (!services.stopping.load()) {
      Poll poll = poll_run(services, thread_id, run_id, *log, cursor);
      for (const auto& [name, data] : poll.batch) {
        if (!sink.write(events::format_sse(name, data))) {
          stop_capturing(services, thread_id, run_id, log);
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
          stop_capturing(services, thread_id, run_id, log);
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
    stop_capturing(services, thread_id, run_id, log);
  };
  return response;
}

}  // namespace mock::assistants
