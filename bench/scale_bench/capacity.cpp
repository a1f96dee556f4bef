#include "bench/scale_bench/capacity.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bench/scale_bench/child_server.hpp"

namespace scale_bench {
namespace {
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return -1;
  }
  int yes = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
  return fd;
}

int status_of(const std::string& response) {
  if (!response.starts_with("HTTP/1.1 ") || response.size() < 12) return 0;
  return std::atoi(response.substr(9, 3).c_str());
}

// Ordinary clients: a GET on a fresh connection every 100 ms until stopped.
class OrdinaryProbe {
public:
  explicit OrdinaryProbe(int port) {
    m_thread = std::thread([this, port] {
      while (!m_stop) {
        httplib::Client client("127.0.0.1", port);
        client.set_connection_timeout(10);
        client.set_read_timeout(10);
        const auto started = Clock::now();
        const auto result = client.Get("/v1/assistants", {{"Authorization", "Bearer sk-bench"}, {"OpenAI-Beta", "assistants=v2"}});
        const double took = ms_since(started);
        {
          const std::lock_guard lock(m_mutex);
          ++m_sent;
          if (result && result->status == 200) ++m_ok;
          m_slowest = std::max(m_slowest, took);
          m_latencies.push_back(took);
        }
        std::this_thread::sleep_for(100ms);
      }
    });
  }
  ~OrdinaryProbe() { stop(); }
  OrdinaryProbe(const OrdinaryProbe&) = delete;
  OrdinaryProbe& operator=(const OrdinaryProbe&) = delete;
  void stop() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
  }
  std::string summary() {
    const std::lock_guard lock(m_mutex);
    std::sort(m_latencies.begin(), m_latencies.end());
    const double median = m_latencies.empty() ? 0 : m_latencies[m_latencies.size() / 2];
    char line[200];
    std::snprintf(line, sizeof(line), "other clients: %d of %d answered 200, median %.1f ms, slowest %.1f ms", m_ok,
                  m_sent, median, m_slowest);
    return line;
  }
  bool all_ok_within(double ms) {
    const std::lock_guard lock(m_mutex);
    return m_sent > 0 && m_ok == m_sent && m_slowest < ms;
  }

private:
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
  std::mutex m_mutex;
  int m_sent = 0;
  int m_ok = 0;
  double m_slowest = 0;
  std::vector<double> m_latencies;
};

std::string create_assistant(int port) {
  httplib::Client client("127.0.0.1", port);
  const auto result = client.Post("/v1/assistants", {{"Authorization", "Bearer sk-bench"}, {"OpenAI-Beta", "assistants=v2"}},
                                  R"({"model":"gpt-4o","name":"Streams"})", "application/json");
  if (!result || result->status != 200) return "";
  return nlohmann::json::parse(result->body).at("id").get<std::string>();
}

struct StreamOutcome {
  std::size_t completed = 0;   // 200 and the run's completed event
  std::size_t refused = 0;     // 429
  std::size_t with_retry_after = 0;
  std::size_t other = 0;
  double seconds = 0;
  double peak_rss_mib = 0;
  std::size_t peak_threads = 0;
};

// Opens `count` streamed runs at once (each on its own connection, Connection: close) and
// reads them all to their end.
StreamOutcome open_streams(ChildServer& server, const std::string& assistant, std::size_t count) {
  const std::string body = R"({"assistant_id":")" + assistant +
                           R"(","thread":{"messages":[{"role":"user","content":"hi"}]},"stream":true})";
  const std::string request = "POST /v1/threads/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sk-bench\r\n"
                              "OpenAI-Beta: assistants=v2\r\nContent-Type: application/json\r\nConnection: close\r\n"
                              "Content-Length: " +
                              std::to_string(body.size()) + "\r\n\r\n" + body;
  StreamOutcome outcome;
  const auto started = Clock::now();
  std::vector<int> fds;
  std::vector<std::string> received(count);
  for (std::size_t i = 0; i < count; ++i) {
    const int fd = connect_to(server.port());
    if (fd >= 0 && ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) {
      ::close(fd);
      fds.push_back(-1);
      continue;
    }
    fds.push_back(fd);
  }
  std::size_t open = static_cast<std::size_t>(std::count_if(fds.begin(), fds.end(), [](int fd) { return fd >= 0; }));
  char buffer[16384];
  while (open > 0 && ms_since(started) < 120000) {
    std::vector<pollfd> watched;
    std::vector<std::size_t> which;
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i] < 0) continue;
      watched.push_back({fds[i], POLLIN, 0});
      which.push_back(i);
    }
    if (::poll(watched.data(), watched.size(), 100) < 0) break;
    for (std::size_t k = 0; k < watched.size(); ++k) {
      if (watched[k].revents == 0) continue;
      const std::size_t i = which[k];
      const ssize_t got = ::recv(fds[i], buffer, sizeof(buffer), 0);
      if (got > 0) {
        received[i].append(buffer, static_cast<std::size_t>(got));
        continue;
      }
      ::close(fds[i]);
      fds[i] = -1;
      --open;
    }
    outcome.peak_rss_mib = std::max(outcome.peak_rss_mib, server.rss_mib());
    outcome.peak_threads = std::max(outcome.peak_threads, server.threads());
  }
  outcome.seconds = ms_since(started) / 1000.0;
  for (std::size_t i = 0; i < count; ++i) {
    if (fds[i] >= 0) ::close(fds[i]);
    const int status = status_of(received[i]);
    if (status == 200 && received[i].find("event: thread.run.completed") != std::string::npos) {
      ++outcome.completed;
    } else if (status == 429) {
      ++outcome.refused;
      if (received[i].find("\r\nretry-after:") != std::string::npos ||
          received[i].find("\r\nRetry-After:") != std::string::npos) {
        ++outcome.with_retry_after;
      }
    } else {
      ++outcome.other;
    }
  }
  return outcome;
}

}  // namespace

bool run_slow_clients(const Settings& settings) {
  ChildServer server(settings.binary, "serve", {});
  std::printf("\nslow clients: %zu connections sending their headers a byte a second (assistants-mock serve, default"
              " flags), other clients sending GET /v1/assistants on fresh connections every 100 ms\n",
              settings.slow_clients);
  const std::string head = "GET /v1/assistants HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + std::string(200, 'a');
  std::vector<int> fds;
  for (std::size_t i = 0; i < settings.slow_clients; ++i) fds.push_back(connect_to(server.port()));
  OrdinaryProbe probe(server.port());
  const auto started = Clock::now();
  std::vector<std::string> answers(fds.size());
  std::vector<double> cut_at(fds.size(), 0);
  std::size_t open = fds.size();
  std::size_t peak_threads = 0;
  for (std::size_t at = 0; open > 0 && at < head.size() && ms_since(started) < 45000; ++at) {
    for (const int fd : fds) {
      if (fd >= 0) (void)::send(fd, head.data() + at, 1, MSG_NOSIGNAL);
    }
    // A second between bytes; meanwhile collect the answers of those the server cut off.
    const auto next = Clock::now() + 1s;
    while (Clock::now() < next) {
      std::vector<pollfd> watched;
      for (const int fd : fds) watched.push_back({fd, POLLIN, 0});
      ::poll(watched.data(), watched.size(), 100);
      for (std::size_t i = 0; i < fds.size(); ++i) {
        if (fds[i] < 0 || watched[i].revents == 0) continue;
        char buffer[4096];
        const ssize_t got = ::recv(fds[i], buffer, sizeof(buffer), 0);
        if (got > 0) {
          answers[i].append(buffer, static_cast<std::size_t>(got));
          if (cut_at[i] == 0) cut_at[i] = ms_since(started) / 1000.0;
          continue;
        }
        ::close(fds[i]);
        fds[i] = -1;
        --open;
      }
    }
    peak_threads = std::max(peak_threads, server.threads());
  }
  probe.stop();
  std::size_t timed_out = 0;
  std::vector<double> cuts;
  for (std::size_t i = 0; i < fds.size(); ++i) {
    if (fds[i] >= 0) ::close(fds[i]);
    if (status_of(answers[i]) == 408 && answers[i].find("\"request_timeout\"") != std::string::npos) ++timed_out;
    if (cut_at[i] > 0) cuts.push_back(cut_at[i]);
  }
  std::sort(cuts.begin(), cuts.end());
  std::printf("  %s\n", probe.summary().c_str());
  std::printf("  slow clients: %zu of %zu got 408 request_timeout in the error envelope, cut off at %.1f-%.1f s; server"
              " threads at most %zu, RSS %.1f MiB\n",
              timed_out, fds.size(), cuts.empty() ? 0.0 : cuts.front(), cuts.empty() ? 0.0 : cuts.back(), peak_threads,
              server.peak_rss_mib());
  return probe.all_ok_within(1000) && timed_out == fds.size();
}

bool run_open_streams(const Settings& settings) {
  bool ok = true;
  {
    // Runs take ~2 s (4 steps of 500 ms), so every stream is open at once.
    ChildServer server(settings.binary, "serve", {"--run-step-ms", "500"});
    const std::string assistant = create_assistant(server.port());
    std::printf("\nopen streams: %zu streamed runs (POST /v1/threads/runs, stream: true) opened at once "
                "(assistants-mock serve, default flags but --run-step-ms 500)\n",
                settings.streams);
    OrdinaryProbe probe(server.port());
    const StreamOutcome outcome = open_streams(server, assistant, settings.streams);
    probe.stop();
    std::printf("  %zu completed, %zu got 429, %zu other, in %.1f s; server RSS at most %.1f MiB (peak %.1f), "
                "threads at most %zu\n  %s\n",
                outcome.completed, outcome.refused, outcome.other, outcome.seconds, outcome.peak_rss_mib,
                server.peak_rss_mib(), outcome.peak_threads, probe.summary().c_str());
    ok = outcome.completed == settings.streams && server.peak_rss_mib() < 256 && probe.all_ok_within(1000);
  }
  {
    ChildServer server(settings.binary, "serve", {"--run-step-ms", "500", "--max-streams", "200"});
    const std::string assistant = create_assistant(server.port());
    const StreamOutcome outcome = open_streams(server, assistant, 300);
    std::printf("  past the cap (--max-streams 200, 300 opened): %zu completed, %zu got 429 (%zu with retry-after), "
                "%zu other, in %.1f s\n",
                outcome.completed, outcome.refused, outcome.with_retry_after, outcome.other, outcome.seconds);
    ok = ok && outcome.completed == 200 && outcome.refused == 100 && outcome.with_retry_after == 100;
  }
  return ok;
}

}  // namespace scale_bench
