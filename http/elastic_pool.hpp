#pragma once
// The worker threads of the HTTP front: started when a connection needs one, up to a cap,
// and retired after a while idle. httplib serves a connection on one thread from accept to
// close, and a stream's producer writes from that thread until the run ends, so every idle
// keep-alive connection, slow client and open stream holds a thread. A fixed pool sized for
// that (thousands) would be thousands of threads at start-up; a small fixed pool let 64 slow
// clients lock everyone else out. Threads on demand cost only what is in use: an idle thread
// is a few tens of KiB of touched stack, and it exits after `idle_retire`.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace mock::http {

class ElasticPool {
public:
  ElasticPool(std::size_t max_threads, std::chrono::milliseconds idle_retire);
  ~ElasticPool();
  ElasticPool(const ElasticPool&) = delete;
  ElasticPool& operator=(const ElasticPool&) = delete;

  // Runs `job` on an idle thread, or on a new one while fewer than max_threads run; past
  // that it waits in a queue for the first thread to come free.
  void submit(std::function<void()> job);
  // Runs what is queued, then joins every thread. Idempotent.
  void shutdown();

  std::size_t threads() const;  // alive now, busy or idle
  std::size_t idle() const;

private:
  void work();
  void join_retired(std::unique_lock<std::mutex>& lock);

  const std::size_t m_max_threads;
  const std::chrono::milliseconds m_idle_retire;
  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<std::function<void()>> m_jobs;
  std::unordered_map<std::thread::id, std::thread> m_threads;
  std::vector<std::thread> m_retired;  // exited (or exiting) on their own; joined later
  std::size_t m_idle = 0;              // threads waiting for a job
  bool m_stopping = false;
};

}  // namespace mock::http
