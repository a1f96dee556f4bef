#include "http/elastic_pool.hpp"

#include <system_error>
#include <utility>

namespace mock::http {

ElasticPool::ElasticPool(std::size_t max_threads, std::chrono::milliseconds idle_retire)
    : m_max_threads(max_threads == 0 ? 1 : max_threads), m_idle_retire(idle_retire) {}

ElasticPool::~ElasticPool() { shutdown(); }

void ElasticPool::submit(std::function<void()> job) {
  std::unique_lock lock(m_mutex);
  join_retired(lock);
  m_jobs.push_back(std::move(job));
  // Idle threads already woken for earlier jobs are spoken for: one thread per queued job.
  if (m_idle < m_jobs.size() && m_threads.size() < m_max_threads && !m_stopping) {
    try {
      std::thread thread([this] { work(); });
      const std::thread::id id = thread.get_id();
      m_threads.emplace(id, std::move(thread));  // before the thread can look itself up: we hold the lock
      return;
    } catch (const std::system_error&) {
      // The system refuses another thread (a pids limit): the job waits for a running one,
      // as past the cap, rather than taking the accept loop down with an exception.
    }
  }
  m_wake.notify_one();
}

void ElasticPool::work() {
  std::unique_lock lock(m_mutex);
  for (;;) {
    ++m_idle;
    const bool woken = m_wake.wait_for(lock, m_idle_retire, [this] { return !m_jobs.empty() || m_stopping; });
    --m_idle;
    if (!m_jobs.empty()) {
      std::function<void()> job = std::move(m_jobs.front());
      m_jobs.pop_front();
      lock.unlock();
      job();
      job = nullptr;  // what the job captured goes now, not when the next one comes
      lock.lock();
      continue;
    }
    if (m_stopping) return;  // shutdown() holds this thread and joins it
    if (!woken) {
      // Idle too long: leave. Moving our own std::thread object does not touch the thread.
      const auto self = m_threads.find(std::this_thread::get_id());
      if (self != m_threads.end()) {
        m_retired.push_back(std::move(self->second));
        m_threads.erase(self);
      }
      return;
    }
  }
}

void ElasticPool::join_retired(std::unique_lock<std::mutex>& lock) {
  if (m_retired.empty()) return;
  std::vector<std::thread> retired = std::move(m_retired);
  m_retired.clear();
  lock.unlock();
  for (std::thread& thread : retired) thread.join();  // each has left work() already
  lock.lock();
}

void ElasticPool::shutdown() {
  std::unique_lock lock(m_mutex);
  m_stopping = true;
  m_wake.notify_all();
  std::vector<std::thread> all = std::move(m_retired);
  m_retired.clear();
  for (auto& [id, thread] : m_threads) all.push_back(std::move(thread));
  m_threads.clear();
  lock.unlock();
  for (std::thread& thread : all) {
    if (thread.joinable()) thread.join();
  }
}

std::size_t ElasticPool::threads() const {
  const std::lock_guard lock(m_mutex);
  return m_threads.size();
}

std::size_t ElasticPool::idle() const {
  const std::lock_guard lock(m_mutex);
  return m_idle;
}

}  // namespace mock::http
