// server-bench: our mock server against a bare cpp-httplib 0.11.4 server, side by side in
// one process on 127.0.0.1, with a keep-alive load generator. See bench/README.md.
//
// Both servers get the settings TOOLCHAIN.md says make Debian's 0.11.4 fast: TCP_NODELAY,
// a large keep-alive request count, a thread pool of the same size (ours: 64) and the
// re-listen trick that enlarges the accept backlog from 5. The bare server routes ".*" like
// ours does and gets the same requests (headers included), so the difference between the
// two is the cost of our own code.
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <functional>
#include <latch>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "mock/http/http_server.hpp"
#include "mock/server/mock_server.hpp"

namespace {

using SteadyClock = std::chrono::steady_clock;
using Json = nlohmann::json;

constexpr const char* k_host = "127.0.0.1";
constexpr const char* k_api_key = "sk-bench";

struct Settings {
  double seconds = 3.0;  // measured time per target (split over the rounds)
  double warmup = 0.2;   // unmeasured requests before every measured slice
  std::size_t clients = 4;
  std::size_t messages = 100000;
  std::size_t small_messages = 1000;
  std::size_t rounds = 4;
  std::string scenario = "all";
  std::string only = "both";  // "mock" or "bare": measure one side (for profiling)
};

// ---------------------------------------------------------------------------------------
// Small formatting helpers

std::string with_commas(std::uint64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[i];
    const std::size_t left = n - i - 1;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  return out;
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.*f", decimals, value);
  return buffer;
}

std::string pad_left(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

std::string pad_right(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

std::string truncated(const std::string& text, std::size_t max) {
  std::string out = text.size() > max ? text.substr(0, max) + "..." : text;
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

double seconds_between(SteadyClock::time_point from, SteadyClock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

void say(const std::string& line) {
  std::fputs(line.c_str(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

// ---------------------------------------------------------------------------------------
// The machine

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("model name")) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
  }
  return "unknown CPU";
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one;
  std::string five;
  std::string fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

std::string resident_memory() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("VmRSS:")) {
      return line.substr(line.find_first_not_of(" \t", 6));
    }
  }
  return "?";
}

// ---------------------------------------------------------------------------------------
// The bare baseline server

// The same trick as mock/http/http_server.cpp: 0.11.4 listens with a backlog of 5 and keeps
// the socket private; a second listen() on it enlarges the queue (Linux).
int port_of(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return -1;
  if (address.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port);
  }
  if (address.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port);
  }
  return -1;
}

void enlarge_listen_backlog(int port, int backlog) {
  DIR* fds = opendir("/proc/self/fd");
  if (fds == nullptr) return;
  while (const dirent* entry = readdir(fds)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == dirfd(fds)) continue;
    const int socket_fd = static_cast<int>(fd);
    int accepting = 0;
    socklen_t length = sizeof(accepting);
    if (getsockopt(socket_fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) == 0 &&
        accepting != 0 && port_of(socket_fd) == port) {
      listen(socket_fd, backlog);
    }
  }
  closedir(fds);
}

// A JSON object of exactly `size` bytes (at least a few dozen), shaped like an API object.
std::string json_body_of_size(std::size_t size) {
  const std::string head = R"({"id":"asst_bare0000000000000000000000","object":"bench","pad":")";
  const std::string tail = R"("})";
  const std::size_t fixed_part = head.size() + tail.size();
  const std::size_t pad = size > fixed_part ? size - fixed_part : 0;
  return head + std::string(pad, 'x') + tail;
}

class BareServer {
public:
  static constexpr std::size_t k_fixed_body_bytes = 400;

  explicit BareServer(const mock::http::HttpServerConfig& like)
      : m_fixed_body(json_body_of_size(k_fixed_body_bytes)) {
    const std::size_t threads = like.threads;
    m_server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    m_server.set_tcp_nodelay(true);
    m_server.set_keep_alive_max_count(like.keep_alive_max_requests);
    m_server.set_payload_max_length(like.max_body_bytes);
    m_server.set_read_timeout(like.read_timeout_seconds, 0);
    // GET/POST anything: the fixed ~400-byte body; GET /sized/N: a body of N bytes (the
    // baseline for answers larger than 400 bytes, such as a page of 20 messages).
    const auto handle = [this](const httplib::Request& req, httplib::Response& res) {
      constexpr std::string_view k_sized = "/sized/";
      if (req.path.starts_with(k_sized)) {
        const std::size_t size = std::strtoul(req.path.c_str() + k_sized.size(), nullptr, 10);
        res.set_content(json_body_of_size(std::min<std::size_t>(size, 1U << 20U)),
                        "application/json");
        return;
      }
      res.set_content(m_fixed_body, "application/json");
    };
    m_server.Get(".*", handle);
    m_server.Post(".*", handle);
    m_port = m_server.bind_to_any_port(k_host);
    if (m_port < 0) throw std::runtime_error("bare server: cannot bind 127.0.0.1:0");
    enlarge_listen_backlog(m_port, like.listen_backlog);
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    const auto deadline = SteadyClock::now() + std::chrono::seconds(10);
    while (!m_server.is_running()) {
      if (SteadyClock::now() > deadline) throw std::runtime_error("bare server did not start");
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~BareServer() {
    m_server.stop();
    if (m_thread.joinable()) m_thread.join();
  }
  BareServer(const BareServer&) = delete;
  BareServer& operator=(const BareServer&) = delete;

  int port() const { return m_port; }

private:
  std::string m_fixed_body;
  httplib::Server m_server;
  std::thread m_thread;
  int m_port = -1;
};

// Our HTTP front (mock::http::HttpServer) answering the bare server's fixed body: the cost
// of the front alone, apart from everything the mock does with a request.
class FrontServer {
public:
  explicit FrontServer(const mock::http::HttpServerConfig& like)
      : m_fixed_body(json_body_of_size(BareServer::k_fixed_body_bytes)) {
    mock::http::HttpServerConfig config = like;
    config.port = 0;
    m_server = std::make_unique<mock::http::HttpServer>(config, [this](mock::http::ApiRequest&) {
      return mock::http::ApiResponse::json_text(m_fixed_body);
    });
    m_port = m_server->bind();
    m_thread = std::thread([this] { m_server->listen(); });
    const auto deadline = SteadyClock::now() + std::chrono::seconds(10);
    while (!m_server->is_running()) {
      if (SteadyClock::now() > deadline) throw std::runtime_error("front server did not start");
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~FrontServer() {
    m_server->stop();
    if (m_thread.joinable()) m_thread.join();
  }
  FrontServer(const FrontServer&) = delete;
  FrontServer& operator=(const FrontServer&) = delete;

  int port() const { return m_port; }

private:
  std::string m_fixed_body;
  std::unique_ptr<mock::http::HttpServer> m_server;
  std::thread m_thread;
  int m_port = -1;
};

// ---------------------------------------------------------------------------------------
// Clients

httplib::Headers mock_headers() {
  return {{"Authorization", std::string("Bearer ") + k_api_key},
          {"OpenAI-Beta", "assistants=v2"}};
}

std::unique_ptr<httplib::Client> make_client(int port, const httplib::Headers& headers) {
  auto client = std::make_unique<httplib::Client>(k_host, port);
  client->set_keep_alive(true);
  client->set_tcp_nodelay(true);
  client->set_connection_timeout(2, 0);
  client->set_read_timeout(10, 0);
  client->set_write_timeout(10, 0);
  client->set_default_headers(headers);
  return client;
}

struct Call {
  std::string method;  // "GET" or "POST"
  std::string path;
  std::string body;    // POST only
};

httplib::Result send(httplib::Client& client, const Call& call) {
  if (call.method == "POST") return client.Post(call.path, call.body, "application/json");
  return client.Get(call.path);
}

bool is_2xx(int status) { return status >= 200 && status < 300; }

// One request on a setup connection; throws unless the answer is 2xx JSON.
Json setup_call(httplib::Client& client, const Call& call) {
  httplib::Result result = send(client, call);
  if (!result) {
    throw std::runtime_error(call.method + " " + call.path + ": " +
                             httplib::to_string(result.error()));
  }
  if (!is_2xx(result->status)) {
    throw std::runtime_error(call.method + " " + call.path + ": HTTP " +
                             std::to_string(result->status) + " " + truncated(result->body, 300));
  }
  return Json::parse(result->body);
}

// ---------------------------------------------------------------------------------------
// Load generation

// What the load generator aims at: a port, headers, and the request each client thread
// repeats (one entry for all, or one per client thread).
struct Target {
  std::string name;
  bool is_mock = true;
  int port = -1;
  httplib::Headers headers;
  std::vector<Call> calls;
  const Call& call_for(std::size_t client) const { return calls[client % calls.size()]; }
};

struct Measurement {
  std::vector<std::int64_t> latencies_ns;  // every completed request (2xx or not)
  std::uint64_t ok = 0;                    // 2xx answers
  std::uint64_t non_2xx = 0;
  std::uint64_t transport_errors = 0;      // no answer: connect/read failure or time-out
  double seconds = 0;                      // measured wall time, summed over slices
  std::vector<double> slice_rates;         // 2xx req/s of each slice, in round order
  std::size_t last_body_bytes = 0;
  std::string first_error;

  void merge(Measurement&& other) {
    latencies_ns.insert(latencies_ns.end(), other.latencies_ns.begin(), other.latencies_ns.end());
    ok += other.ok;
    non_2xx += other.non_2xx;
    transport_errors += other.transport_errors;
    seconds += other.seconds;
    if (other.slice_rates.empty() && other.seconds > 0) {
      slice_rates.push_back(other.rate());
    } else {
      slice_rates.insert(slice_rates.end(), other.slice_rates.begin(), other.slice_rates.end());
    }
    if (other.last_body_bytes != 0) last_body_bytes = other.last_body_bytes;
    if (first_error.empty()) first_error = std::move(other.first_error);
  }
  std::uint64_t errors() const { return non_2xx + transport_errors; }
  double rate() const { return seconds > 0 ? static_cast<double>(ok) / seconds : 0.0; }
};

struct Stats {
  bool measured = false;
  double rate = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
  std::uint64_t errors = 0;
};

Stats stats_of(Measurement& m) {
  Stats s;
  s.measured = m.seconds > 0;
  s.rate = m.rate();
  s.errors = m.errors();
  auto& lat = m.latencies_ns;
  if (lat.empty()) return s;
  std::sort(lat.begin(), lat.end());
  const auto rank = [&](double p) {
    // nearest rank: the smallest value with at least p of the samples at or below it
    const double position = p * static_cast<double>(lat.size());
    std::size_t index = static_cast<std::size_t>(position);
    if (static_cast<double>(index) < position) ++index;
    index = std::clamp<std::size_t>(index, 1, lat.size()) - 1;
    return static_cast<double>(lat[index]) / 1e6;
  };
  s.p50_ms = rank(0.50);
  s.p99_ms = rank(0.99);
  s.max_ms = static_cast<double>(lat.back()) / 1e6;
  return s;
}

// One slice: `clients` threads, each with one keep-alive connection, warm up together for
// `warmup` seconds, then send back-to-back for `seconds`, recording every latency.
Measurement run_slice(const Target& target, const Settings& settings, double seconds) {
  const std::size_t n = settings.clients;
  std::vector<Measurement> per_client(n);
  std::vector<SteadyClock::time_point> finished(n);
  std::latch ready(static_cast<std::ptrdiff_t>(n));
  std::latch go(1);
  SteadyClock::time_point warm_end;
  SteadyClock::time_point end;
  constexpr std::uint64_t k_give_up_after_transport_errors = 200;

  std::vector<std::thread> threads;
  threads.reserve(n);
  for (std::size_t c = 0; c < n; ++c) {
    threads.emplace_back([&, c] {
      Measurement& m = per_client[c];
      m.latencies_ns.reserve(1U << 16U);
      auto client = make_client(target.port, target.headers);
      const Call& call = target.call_for(c);
      ready.count_down();
      go.wait();
      // Warm-up: connect, fill caches. Not timed; failures show up in the measured loop.
      while (SteadyClock::now() < warm_end) send(*client, call);
      for (;;) {
        const auto started = SteadyClock::now();
        if (started >= end) break;
        httplib::Result result = send(*client, call);
        const auto done = SteadyClock::now();
        if (!result) {
          ++m.transport_errors;
          if (m.first_error.empty()) {
            m.first_error = call.method + " " + call.path + ": " +
                            httplib::to_string(result.error());
          }
          if (m.transport_errors >= k_give_up_after_transport_errors) break;
          continue;
        }
        m.latencies_ns.push_back(
            std::chrono::duration_cast<std::chrono::nanoseconds>(done - started).count());
        m.last_body_bytes = result->body.size();
        if (is_2xx(result->status)) {
          ++m.ok;
        } else {
          ++m.non_2xx;
          if (m.first_error.empty()) {
            m.first_error = call.method + " " + call.path + ": HTTP " +
                            std::to_string(result->status) + " " + truncated(result->body, 200);
          }
        }
      }
      finished[c] = SteadyClock::now();
    });
  }
  ready.wait();
  const auto start = SteadyClock::now();
  warm_end = start + std::chrono::duration_cast<SteadyClock::duration>(
                         std::chrono::duration<double>(settings.warmup));
  end = warm_end + std::chrono::duration_cast<SteadyClock::duration>(
                       std::chrono::duration<double>(seconds));
  go.count_down();
  for (auto& thread : threads) thread.join();

  Measurement total;
  for (auto& m : per_client) total.merge(std::move(m));
  // Requests still in flight at `end` finish after it; count the time they took.
  total.seconds = seconds_between(warm_end, *std::max_element(finished.begin(), finished.end()));
  return total;
}

// Measures every target for settings.seconds in total, split into `rounds` slices that
// alternate the order (A B, B A, ...), so drift on a shared machine hits all targets alike.
std::vector<Measurement> measure(const std::vector<const Target*>& targets,
                                 const Settings& settings) {
  std::vector<Measurement> out(targets.size());
  const double slice = settings.seconds / static_cast<double>(settings.rounds);
  for (std::size_t round = 0; round < settings.rounds; ++round) {
    for (std::size_t k = 0; k < targets.size(); ++k) {
      const std::size_t i = round % 2 == 0 ? k : targets.size() - 1 - k;
      if (settings.only != "both" && (settings.only == "mock") != targets[i]->is_mock) continue;
      out[i].merge(run_slice(*targets[i], settings, slice));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Populating a thread with messages over HTTP

std::string message_text(std::size_t number) {
  char buffer[48];
  std::snprintf(buffer, sizeof(buffer), "bench message %07zu", number);
  return buffer;
}

std::string message_body(std::size_t number) {
  return Json{{"role", "user"}, {"content", message_text(number)}}.dump();
}

struct PopulateResult {
  std::uint64_t errors = 0;
  std::string first_error;
};

// Posts messages numbered [first, last] (1-based, inclusive) to the thread from `clients`
// keep-alive connections in parallel. `done` counts posted messages for the progress line.
PopulateResult post_messages(int port, const std::string& thread_id, std::size_t first,
                             std::size_t last, std::size_t clients,
                             std::atomic<std::uint64_t>& done) {
  std::atomic<std::size_t> next{first};
  std::atomic<std::uint64_t> errors{0};
  std::mutex error_mutex;
  std::string first_error;
  constexpr std::uint64_t k_give_up_after_errors = 100;
  const std::string path = "/v1/threads/" + thread_id + "/messages";
  const std::size_t workers = std::min(clients, last - first + 1);
  std::vector<std::thread> threads;
  for (std::size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&] {
      auto client = make_client(port, mock_headers());
      for (;;) {
        if (errors.load() >= k_give_up_after_errors) return;
        const std::size_t number = next.fetch_add(1);
        if (number > last) return;
        httplib::Result result = client->Post(path, message_body(number), "application/json");
        if (result && is_2xx(result->status)) {
          done.fetch_add(1);
          continue;
        }
        errors.fetch_add(1);
        std::lock_guard lock(error_mutex);
        if (first_error.empty()) {
          first_error = result ? "HTTP " + std::to_string(result->status) + " " +
                                     truncated(result->body, 200)
                               : httplib::to_string(result.error());
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  return {errors.load(), first_error};
}

// Runs `work` on another thread and prints progress every tenth of `total` until it ends.
template <class Work>
auto with_progress(const std::string& label, std::uint64_t total,
                   std::atomic<std::uint64_t>& done, Work&& work) {
  std::atomic<bool> finished{false};
  std::mutex mutex;
  std::condition_variable cv;
  const auto started = SteadyClock::now();
  std::thread reporter([&] {
    std::uint64_t last_tenth = 0;
    std::unique_lock lock(mutex);
    while (!finished.load()) {
      cv.wait_for(lock, std::chrono::milliseconds(200));
      const std::uint64_t count = done.load();
      const std::uint64_t tenth = total == 0 ? 10 : count * 10 / total;
      if (tenth > last_tenth && tenth < 10) {
        last_tenth = tenth;
        const double elapsed = seconds_between(started, SteadyClock::now());
        say("  " + label + ": " + with_commas(count) + " / " + with_commas(total) + " (" +
            with_commas(static_cast<std::uint64_t>(static_cast<double>(count) / elapsed)) +
            " msg/s)");
      }
    }
  });
  // Stops the reporter however `work` ends (it may throw).
  struct StopReporter {
    std::mutex& mutex;
    std::condition_variable& cv;
    std::atomic<bool>& finished;
    std::thread& reporter;
    ~StopReporter() {
      {
        std::lock_guard lock(mutex);
        finished = true;
      }
      cv.notify_all();
      reporter.join();
    }
  };
  std::optional<StopReporter> stop(std::in_place, mutex, cv, finished, reporter);
  auto result = work();
  stop.reset();
  const double elapsed = seconds_between(started, SteadyClock::now());
  say("  " + label + ": " + with_commas(done.load()) + " / " + with_commas(total) + " in " +
      fixed(elapsed, 1) + " s (" +
      with_commas(static_cast<std::uint64_t>(static_cast<double>(done.load()) / elapsed)) +
      " msg/s)");
  return result;
}

// ---------------------------------------------------------------------------------------
// Reporting

struct Row {
  std::string scenario;
  Stats mock;
  Stats bare;
  std::size_t mock_bytes = 0;
  std::size_t bare_bytes = 0;
  std::optional<double> dispatch_us;  // MockServer::handle() alone, no HTTP
  std::vector<double> slice_ratios;    // mock/bare of each round: how noisy the ratio is
  bool has_target = false;             // the issue's target: mock >= 0.8x bare
  std::string spread() const {
    if (slice_ratios.size() < 2) return "";
    const auto [low, high] = std::minmax_element(slice_ratios.begin(), slice_ratios.end());
    return fixed(*low, 2) + "-" + fixed(*high, 2) + "x";
  }
  bool has_ratio() const { return mock.measured && bare.measured && bare.rate > 0; }
  double ratio() const { return has_ratio() ? mock.rate / bare.rate : 0.0; }
  std::string ratio_text() const { return has_ratio() ? fixed(ratio(), 2) + "x" : "-"; }
};

constexpr std::size_t k_name_width = 30;

std::string stats_cells(const Stats& s, std::size_t bytes) {
  if (!s.measured) {
    return pad_left("-", 9) + pad_left("-", 8) + pad_left("-", 8) + pad_left("-", 8) +
           pad_left("-", 5) + pad_left("-", 7);
  }
  return pad_left(with_commas(static_cast<std::uint64_t>(s.rate + 0.5)), 9) +
         pad_left(fixed(s.p50_ms, 3), 8) + pad_left(fixed(s.p99_ms, 3), 8) +
         pad_left(fixed(s.max_ms, 2), 8) + pad_left(with_commas(s.errors), 5) +
         pad_left(with_commas(bytes), 7);
}

void print_dispatch_costs(const std::vector<Row>& rows) {
  bool any = false;
  for (const Row& row : rows) any = any || row.dispatch_us.has_value();
  if (!any) return;
  const double cores = std::max(1.0, static_cast<double>(std::thread::hardware_concurrency()));
  say("our code alone: MockServer::handle() on one thread, no sockets or httplib, in us per");
  say("request; a whole bare request (client + server + kernel) costs about cores / bare req/s:");
  for (const Row& row : rows) {
    if (!row.dispatch_us) continue;
    std::string line = "  " + pad_right(row.scenario, k_name_width) +
                       pad_left(fixed(*row.dispatch_us, 1), 8) + " us";
    if (row.bare.measured && row.bare.rate > 0) {
      const double bare_cpu_us = cores * 1e6 / row.bare.rate;
      line += "   (bare request: ~" + fixed(bare_cpu_us, 1) + " us of CPU)";
    }
    say(line);
  }
}

void print_table(const std::vector<Row>& rows) {
  const std::string side = pad_left("req/s", 9) + pad_left("p50 ms", 8) + pad_left("p99 ms", 8) +
                           pad_left("max ms", 8) + pad_left("err", 5) + pad_left("bytes", 7);
  const std::string head1 = pad_right("", k_name_width) + " | " + pad_right("mock", side.size()) +
                            " | " + pad_right("bare httplib", side.size()) + " | mock/bare";
  const std::string head2 = pad_right("scenario", k_name_width) + " | " + side + " | " + side +
                            " | " + pad_left("req/s", 9);
  say(head1);
  say(head2);
  say(std::string(head2.size(), '-'));
  for (const Row& row : rows) {
    say(pad_right(row.scenario, k_name_width) + " | " + stats_cells(row.mock, row.mock_bytes) +
        " | " + stats_cells(row.bare, row.bare_bytes) + " | " +
        pad_left(row.ratio_text(), 9));
  }
}

// Errors are reported, never hidden: every target with a failed request gets a line.
std::uint64_t report_errors(const std::string& scenario, const std::string& target,
                            const Measurement& m) {
  if (m.errors() == 0) return 0;
  say("  ERRORS in " + scenario + " [" + target + "]: " + with_commas(m.non_2xx) +
      " non-2xx, " + with_commas(m.transport_errors) + " transport; first: " + m.first_error);
  return m.errors();
}

// ---------------------------------------------------------------------------------------
// The benchmark

class Bench {
public:
  explicit Bench(Settings settings) : m_settings(std::move(settings)) {
    mock::MockServerConfig config;
    config.http.host = k_host;
    config.http.port = 0;
    config.api_key = k_api_key;
    config.seed = 42;
    m_http_config = config.http;
    m_mock = std::make_unique<mock::MockServer>(std::move(config));
    m_mock->start();
    m_bare = std::make_unique<BareServer>(m_http_config);
    m_setup = make_client(m_mock->port(), mock_headers());
  }

  void print_header() const {
    const Settings& s = m_settings;
    say("server-bench: assistants-mock vs bare cpp-httplib " CPPHTTPLIB_VERSION
        ", in one process, loopback only");
    say("machine:  " + std::to_string(std::thread::hardware_concurrency()) + " cores (nproc), " +
        cpu_model() + ", load average " + load_average());
    say("servers:  both " + std::to_string(m_http_config.threads) +
        "-thread pool, TCP_NODELAY, keep-alive max " +
        with_commas(m_http_config.keep_alive_max_requests) + " requests, listen backlog " +
        std::to_string(m_http_config.listen_backlog) + " (re-listen), route \".*\"");
    say("          mock " + m_mock->base_url() + " (api key + OpenAI-Beta checked); bare http://" +
        k_host + ":" + std::to_string(m_bare->port()) + " answers a fixed " +
        std::to_string(BareServer::k_fixed_body_bytes) +
        "-byte JSON body (GET /sized/N: N bytes)");
    say("load:     " + std::to_string(s.clients) +
        " client threads, one keep-alive connection each (TCP_NODELAY), back-to-back requests;");
    say("          both sides get the same headers (Authorization: Bearer sk-bench, OpenAI-Beta: "
        "assistants=v2)");
    say("          " + fixed(s.seconds, 1) + " s measured per target in " +
        std::to_string(s.rounds) + " alternating slices, " + fixed(s.warmup, 2) +
        " s warm-up before each slice");
    say("scenario: " + s.scenario + "; list thread sizes " + with_commas(s.messages) + " and " +
        with_commas(s.small_messages) + " messages" +
        (s.only == "both" ? "" : "; measuring only the " + s.only + " side"));
    say("req/s counts 2xx answers; latencies in ms over all answers; err = non-2xx + transport "
        "errors; bytes = response body");
    say("");
  }

  void run() {
    const bool all = m_settings.scenario == "all";
    if (all || m_settings.scenario == "get") run_get();
    if (all || m_settings.scenario == "post") run_post();
    if (all || m_settings.scenario == "list") run_list();
    if (all || m_settings.scenario == "journal") run_journal();
    say("");
    print_table(m_rows);
    say("");
    print_dispatch_costs(m_rows);
    say("");
    summarize();
  }

  std::uint64_t errors() const { return m_errors; }

private:
  Target mock_target(const std::string& name, std::vector<Call> calls) const {
    return Target{name, true, m_mock->port(), mock_headers(), std::move(calls)};
  }
  // The bare server gets the same request headers, so both sides parse the same request.
  Target bare_target(const std::string& name, std::vector<Call> calls) const {
    return Target{name, false, m_bare->port(), mock_headers(), std::move(calls)};
  }

  // `count_bare` is false when several rows share one baseline measurement. `mock_call` is
  // the request the mock side sent, timed once more through MockServer::handle() alone.
  const Row& add_row(const std::string& scenario, Measurement& mock, Measurement& bare,
                     const std::optional<Call>& mock_call, bool count_bare = true) {
    m_errors += report_errors(scenario, "mock", mock);
    if (count_bare) m_errors += report_errors(scenario, "bare", bare);
    Row row;
    row.scenario = scenario;
    row.mock_bytes = mock.last_body_bytes;
    row.bare_bytes = bare.last_body_bytes;
    row.mock = stats_of(mock);
    row.bare = stats_of(bare);
    row.has_target = mock_call.has_value();
    if (mock_call && m_settings.only != "bare") row.dispatch_us = dispatch_micros(scenario, *mock_call);
    for (std::size_t i = 0; i < mock.slice_rates.size() && i < bare.slice_rates.size(); ++i) {
      if (bare.slice_rates[i] > 0) row.slice_ratios.push_back(mock.slice_rates[i] / bare.slice_rates[i]);
    }
    m_rows.push_back(row);
    const auto rate = [](const Stats& st) {
      return st.measured ? with_commas(static_cast<std::uint64_t>(st.rate)) + " req/s" : "-";
    };
    say("  " + pad_right(scenario, k_name_width) + " mock " + rate(row.mock) + ", bare " +
        rate(row.bare) + ", " + row.ratio_text() +
        (row.spread().empty() ? "" : " (per slice " + row.spread() + ")") +
        (row.dispatch_us ? "; handle() alone " + fixed(*row.dispatch_us, 1) + " us" : ""));
    return m_rows.back();
  }

  // The cost of our code alone: the same request through MockServer::handle() on this
  // thread, without sockets or httplib (so without the httplib -> ApiRequest copy either).
  double dispatch_micros(const std::string& scenario, const Call& call) {
    mock::http::ApiRequest request;
    request.method = call.method;
    const auto question = call.path.find('?');
    request.path = call.path.substr(0, question);
    if (question != std::string::npos) {
      std::string_view rest = std::string_view(call.path).substr(question + 1);
      while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view item = rest.substr(0, amp);
        const auto eq = item.find('=');
        request.query.emplace_back(std::string(item.substr(0, eq)),
                                   eq == std::string_view::npos ? ""
                                                                : std::string(item.substr(eq + 1)));
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
      }
    }
    // The headers httplib's client sends, plus ours.
    for (const auto& [key, value] : mock_headers()) request.headers.emplace(key, value);
    request.headers.emplace("Host", std::string(k_host) + ":" + std::to_string(m_mock->port()));
    request.headers.emplace("Accept", "*/*");
    request.headers.emplace("User-Agent", "cpp-httplib/" CPPHTTPLIB_VERSION);
    if (call.method == "POST") {
      request.headers.emplace("Content-Type", "application/json");
      request.headers.emplace("Content-Length", std::to_string(call.body.size()));
    }
    request.body = call.body;

    constexpr double k_budget_seconds = 0.3;
    std::uint64_t calls = 0;
    std::uint64_t failures = 0;
    std::string first_failure;
    const auto started = SteadyClock::now();
    double elapsed = 0;
    while (calls < 100 || elapsed < k_budget_seconds) {
      mock::http::ApiRequest copy = request;
      const mock::http::ApiResponse response = m_mock->handle(copy);
      ++calls;
      if (!is_2xx(response.status)) {
        if (failures++ == 0) {
          first_failure = "HTTP " + std::to_string(response.status) + " " +
                          truncated(response.body, 200);
        }
      }
      if (calls % 64 == 0) elapsed = seconds_between(started, SteadyClock::now());
    }
    elapsed = seconds_between(started, SteadyClock::now());
    if (failures != 0) {
      m_errors += failures;
      say("  ERRORS in " + scenario + " [handle() alone]: " + with_commas(failures) +
          " non-2xx; first: " + first_failure);
    }
    return elapsed * 1e6 / static_cast<double>(calls);
  }

  void run_get() {
    say("[get] GET /v1/assistants/{id} vs bare GET");
    const Json assistant = setup_call(
        *m_setup, {"POST", "/v1/assistants",
                   Json{{"model", "gpt-4o"},
                        {"name", "bench assistant"},
                        {"instructions", "You answer benchmark requests."}}
                       .dump()});
    const std::string id = assistant.at("id").get<std::string>();
    const Target mock = mock_target("mock", {{"GET", "/v1/assistants/" + id, ""}});
    const Target bare = bare_target("bare", {{"GET", "/v1/assistants/" + id, ""}});
    // Our HTTP front alone, answering the bare body: how much of the difference is the front.
    const FrontServer front_server(m_http_config);
    const Target front{"front", false, front_server.port(), mock_headers(), {{"GET", "/v1/assistants/" + id, ""}}};
    auto results = measure({&mock, &bare, &front}, m_settings);
    add_row("GET assistant", results[0], results[1], mock.calls[0]);
    add_row("front only, fixed body", results[2], results[1], std::nullopt, false);
  }

  void run_post() {
    say("[post] POST /v1/threads/{id}/messages (one thread per client thread) vs bare POST");
    const std::string body =
        Json{{"role", "user"}, {"content", "How fast is the mock server today?"}}.dump();
    std::vector<Call> mock_calls;
    for (std::size_t c = 0; c < m_settings.clients; ++c) {
      const Json thread = setup_call(*m_setup, {"POST", "/v1/threads", "{}"});
      mock_calls.push_back(
          {"POST", "/v1/threads/" + thread.at("id").get<std::string>() + "/messages", body});
    }
    const Target mock = mock_target("mock", mock_calls);
    const Target bare = bare_target("bare", {{"POST", "/v1/threads/thread_x/messages", body}});
    auto results = measure({&mock, &bare}, m_settings);
    add_row("POST message", results[0], results[1], mock.calls[0]);
  }

  // Creates a thread of `count` messages; returns its id and the id of message `marked`.
  std::pair<std::string, std::string> populated_thread(std::size_t count, std::size_t marked) {
    const Json thread = setup_call(*m_setup, {"POST", "/v1/threads", "{}"});
    const std::string thread_id = thread.at("id").get<std::string>();
    std::atomic<std::uint64_t> done{0};
    const std::string label = "populating " + thread_id;
    // Message `marked` is posted alone between two parallel phases, so it is exactly the
    // marked-th message in creation order.
    std::string marked_id;
    PopulateResult outcome = with_progress(label, count, done, [&] {
      PopulateResult first{};
      if (marked > 1) {
        first = post_messages(m_mock->port(), thread_id, 1, marked - 1, m_settings.clients, done);
      }
      if (first.errors != 0) return first;
      const Json message = setup_call(*m_setup, {"POST", "/v1/threads/" + thread_id + "/messages",
                                                 message_body(marked)});
      marked_id = message.at("id").get<std::string>();
      done.fetch_add(1);
      if (marked < count) {
        return post_messages(m_mock->port(), thread_id, marked + 1, count, m_settings.clients,
                             done);
      }
      return first;
    });
    if (outcome.errors != 0) {
      m_errors += outcome.errors;
      throw std::runtime_error("populating " + thread_id + ": " + with_commas(outcome.errors) +
                               " failed requests; first: " + outcome.first_error);
    }
    return {thread_id, marked_id};
  }

  // Fetches one page on the setup connection and checks it holds 20 messages numbered within
  // [low, high] (messages posted in parallel are numbered only roughly in creation order).
  // Returns the size of the body.
  std::size_t check_page(const std::string& label, const std::string& path, std::size_t low,
                         std::size_t high) {
    httplib::Result result = m_setup->Get(path);
    if (!result || !is_2xx(result->status)) {
      throw std::runtime_error("GET " + path + ": " +
                               (result ? "HTTP " + std::to_string(result->status) + " " +
                                             truncated(result->body, 300)
                                       : httplib::to_string(result.error())));
    }
    const std::size_t bytes = result->body.size();
    const Json page = Json::parse(result->body);
    const auto& data = page.at("data");
    std::size_t lowest = 0;
    std::size_t highest = 0;
    bool in_range = data.size() == 20;
    for (const Json& message : data) {
      const std::string text = message.at("content").at(0).at("text").at("value");
      const std::size_t number = std::strtoul(text.c_str() + 14, nullptr, 10);  // "bench message "
      lowest = lowest == 0 ? number : std::min(lowest, number);
      highest = std::max(highest, number);
      in_range = in_range && number >= low && number <= high;
    }
    say("  check " + label + " " + path.substr(path.find("/messages")) + ": " +
        std::to_string(data.size()) +
        " messages numbered " + std::to_string(lowest) + ".." + std::to_string(highest) +
        ", has_more=" + (page.at("has_more").get<bool>() ? "true" : "false") + ", " +
        with_commas(bytes) + " bytes");
    if (!in_range) {
      ++m_errors;
      say("  ERROR: expected 20 messages numbered within " + std::to_string(low) + ".." +
          std::to_string(high));
    }
    return bytes;
  }

  void run_list() {
    const std::size_t big = m_settings.messages;
    const std::size_t small = m_settings.small_messages;
    const std::size_t middle = std::max<std::size_t>(big / 2, 21);
    say("[list] GET /v1/threads/{id}/messages?limit=20 on " + with_commas(big) + " vs " +
        with_commas(small) + " messages (no runs are started)");
    const auto [big_id, middle_id] = populated_thread(big, middle);
    const auto [small_id, unused] = populated_thread(small, small);
    (void)unused;
    say("  server RSS after populating: " + resident_memory());

    const std::string big_path = "/v1/threads/" + big_id + "/messages?limit=20";
    const std::string small_path = "/v1/threads/" + small_id + "/messages?limit=20";
    const std::string deep_path = big_path + "&after=" + middle_id;
    // Default order is desc: the newest first; after the marked message come older ones.
    // Parallel posting reorders neighbours by at most a few places per client thread.
    const std::size_t slack = 20 + 4 * m_settings.clients;
    const auto minus_slack = [slack](std::size_t n) { return n > slack ? n - slack : 1; };
    check_page(short_count(big), big_path, minus_slack(big), big);
    const std::size_t page_bytes =
        check_page(short_count(small), small_path, minus_slack(small), small);
    check_page(short_count(big), deep_path, minus_slack(middle), middle - 1);

    const Target mock_big = mock_target("mock 100k", {{"GET", big_path, ""}});
    const Target mock_small = mock_target("mock 1k", {{"GET", small_path, ""}});
    const Target mock_deep = mock_target("mock deep", {{"GET", deep_path, ""}});
    // The bare baseline answers a body as large as the mock's page.
    const Target bare = bare_target("bare", {{"GET", "/sized/" + std::to_string(page_bytes), ""}});
    auto results = measure({&mock_big, &mock_small, &mock_deep, &bare}, m_settings);
    const std::string big_name = "list " + short_count(big) + " limit=20";
    const std::string small_name = "list " + short_count(small) + " limit=20";
    const std::string deep_name = "list " + short_count(big) + " after=" + short_count(middle) + "th";
    // The one bare measurement is the baseline of all three rows.
    const Stats big_stats = add_row(big_name, results[0], results[3], mock_big.calls[0]).mock;
    const Stats small_stats =
        add_row(small_name, results[1], results[3], mock_small.calls[0], false).mock;
    const Stats deep_stats =
        add_row(deep_name, results[2], results[3], mock_deep.calls[0], false).mock;
    if (small_stats.measured && small_stats.rate > 0) {
      m_list_ratio = big_stats.rate / small_stats.rate;
      m_deep_ratio = deep_stats.rate / small_stats.rate;
    }
    m_list_labels = {short_count(big), short_count(small), short_count(middle)};
  }

  // The journal's cost: the same requests on two fresh mocks that differ only in the journal,
  // on (default size) and off (--journal-size 0), measured side by side. Fresh, both: the
  // main mock holds the list scenario's 101,000 messages by now.
  void run_journal() {
    say("[journal] a mock with its journal on (" + with_commas(mock::observe::Journal::k_default_capacity) +
        " entries) vs one with --journal-size 0");
    const auto fresh_mock = [](std::size_t journal_size) {
      mock::MockServerConfig config;
      config.http.host = k_host;
      config.http.port = 0;
      config.api_key = k_api_key;
      config.seed = 43;
      config.journal_size = journal_size;
      auto server = std::make_unique<mock::MockServer>(std::move(config));
      server->start();
      return server;
    };
    const auto journal_on = fresh_mock(mock::observe::Journal::k_default_capacity);
    const auto journal_off = fresh_mock(0);
    const auto on_setup = make_client(journal_on->port(), mock_headers());
    const auto off_setup = make_client(journal_off->port(), mock_headers());
    const Call create_assistant{"POST", "/v1/assistants", Json{{"model", "gpt-4o"}, {"name", "journal bench"}}.dump()};
    const std::string on_id = setup_call(*on_setup, create_assistant).at("id").get<std::string>();
    const std::string off_id = setup_call(*off_setup, create_assistant).at("id").get<std::string>();
    const Target on_get{"journal on", true, journal_on->port(), mock_headers(), {{"GET", "/v1/assistants/" + on_id, ""}}};
    const Target off_get{"journal off", true, journal_off->port(), mock_headers(),
                         {{"GET", "/v1/assistants/" + off_id, ""}}};
    auto get_results = measure({&on_get, &off_get}, m_settings);

    const std::string body = Json{{"role", "user"}, {"content", "Is the journal free?"}}.dump();
    std::vector<Call> on_posts;
    std::vector<Call> off_posts;
    for (std::size_t c = 0; c < m_settings.clients; ++c) {
      const Call create_thread{"POST", "/v1/threads", "{}"};
      on_posts.push_back({"POST", "/v1/threads/" + setup_call(*on_setup, create_thread).at("id").get<std::string>() +
                                      "/messages", body});
      off_posts.push_back({"POST", "/v1/threads/" + setup_call(*off_setup, create_thread).at("id").get<std::string>() +
                                       "/messages", body});
    }
    const Target on_post{"journal on", true, journal_on->port(), mock_headers(), on_posts};
    const Target off_post{"journal off", true, journal_off->port(), mock_headers(), off_posts};
    auto post_results = measure({&on_post, &off_post}, m_settings);

    const auto compare = [this](const std::string& name, Measurement& on, Measurement& off) -> std::optional<double> {
      m_errors += report_errors(name, "journal on", on);
      m_errors += report_errors(name, "journal off", off);
      const Stats on_stats = stats_of(on);
      const Stats off_stats = stats_of(off);
      if (!on_stats.measured || !off_stats.measured || off_stats.rate <= 0) return std::nullopt;
      const double ratio = on_stats.rate / off_stats.rate;
      say("  " + pad_right(name, k_name_width) + " journal on " + with_commas(static_cast<std::uint64_t>(on_stats.rate)) +
          " req/s (p99 " + fixed(on_stats.p99_ms, 3) + " ms), off " +
          with_commas(static_cast<std::uint64_t>(off_stats.rate)) + " req/s (p99 " + fixed(off_stats.p99_ms, 3) +
          " ms): " + fixed(ratio, 2) + "x");
      return ratio;
    };
    m_journal_get_ratio = compare("GET assistant", get_results[0], get_results[1]);
    m_journal_post_ratio = compare("POST message", post_results[0], post_results[1]);
  }

  static std::string short_count(std::size_t n) {
    if (n >= 1000 && n % 1000 == 0) return std::to_string(n / 1000) + "k";
    return with_commas(n);
  }

  void summarize() const {
    say("summary:");
    for (const Row& row : m_rows) {
      if (!row.has_ratio()) continue;
      const std::string spread = row.spread().empty() ? "" : "; per slice " + row.spread();
      if (row.has_target) {
        say("  " + row.scenario + ": mock/bare = " + row.ratio_text() + " (target >= 0.8x) " +
            (row.ratio() >= 0.8 ? "ok" : "BELOW TARGET") + spread);
      } else {
        say("  " + row.scenario + ": front/bare = " + row.ratio_text() + " (for reference)" + spread);
      }
    }
    if (m_list_ratio) {
      const bool flat = *m_list_ratio >= 0.8 && *m_list_ratio <= 1.25;
      say("  list page " + m_list_labels[0] + " vs " + m_list_labels[1] + " messages: " +
          fixed(*m_list_ratio, 2) + "x (target: ~1x) " + (flat ? "ok" : "NOT FLAT"));
      const bool deep_flat = *m_deep_ratio >= 0.8 && *m_deep_ratio <= 1.25;
      say("  list page after the " + m_list_labels[2] + "th of " + m_list_labels[0] + " vs " +
          m_list_labels[1] + " messages: " + fixed(*m_deep_ratio, 2) + "x (target: ~1x) " +
          (deep_flat ? "ok" : "NOT FLAT"));
    }
    for (const auto& [name, ratio] : {std::pair{"GET assistant", m_journal_get_ratio},
                                      std::pair{"POST message", m_journal_post_ratio}}) {
      if (!ratio) continue;
      say(std::string("  journal on/off, ") + name + ": " + fixed(*ratio, 2) + "x (target >= 0.9x) " +
          (*ratio >= 0.9 ? "ok" : "BELOW TARGET"));
    }
    say(m_errors == 0 ? "  errors: none"
                      : "  errors: " + with_commas(m_errors) + " failed requests (see above)");
  }

  Settings m_settings;
  mock::http::HttpServerConfig m_http_config;
  std::unique_ptr<mock::MockServer> m_mock;
  std::unique_ptr<BareServer> m_bare;
  std::unique_ptr<httplib::Client> m_setup;
  std::vector<Row> m_rows;
  std::uint64_t m_errors = 0;
  std::optional<double> m_list_ratio;
  std::optional<double> m_deep_ratio;
  std::vector<std::string> m_list_labels;
  std::optional<double> m_journal_get_ratio;
  std::optional<double> m_journal_post_ratio;
};

// Ends the process if the run takes far longer than it should (a hung connection, a
// deadlocked server): the bench always stops by itself.
class Watchdog {
public:
  explicit Watchdog(double limit_seconds)
      : m_thread([this, limit_seconds] {
          std::unique_lock lock(m_mutex);
          const auto limit = std::chrono::duration<double>(limit_seconds);
          if (!m_cv.wait_for(lock, limit, [this] { return m_done; })) {
            std::fprintf(stderr, "server-bench: watchdog: no result after %.0f s, aborting\n",
                         limit_seconds);
            std::fflush(stdout);
            std::_Exit(3);
          }
        }) {}
  ~Watchdog() {
    {
      std::lock_guard lock(m_mutex);
      m_done = true;
    }
    m_cv.notify_all();
    m_thread.join();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

private:
  std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_done = false;
  std::thread m_thread;
};

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  CLI::App app{"server-bench: throughput and latency of assistants-mock vs a bare cpp-httplib "
               "server, side by side, on 127.0.0.1"};
  app.add_option("--seconds", settings.seconds, "measured seconds per target and scenario")
      ->check(CLI::Range(0.1, 600.0))
      ->capture_default_str();
  app.add_option("--clients", settings.clients, "client threads, one keep-alive connection each")
      ->check(CLI::Range(1, 48))
      ->capture_default_str();
  app.add_option("--messages", settings.messages, "messages in the large thread of the list scenario")
      ->check(CLI::Range(100, 500000))
      ->capture_default_str();
  app.add_option("--scenario", settings.scenario, "run one scenario")
      ->check(CLI::IsMember({"all", "get", "post", "list", "journal"}))
      ->capture_default_str();
  app.add_option("--warmup", settings.warmup, "unmeasured seconds before each measured slice")
      ->check(CLI::Range(0.0, 60.0))
      ->capture_default_str();
  app.add_option("--only", settings.only,
                 "measure only one side, e.g. under perf; the other side's cells print '-'")
      ->check(CLI::IsMember({"both", "mock", "bare"}))
      ->capture_default_str();
  app.add_option("--rounds", settings.rounds,
                 "slices per target, alternating the order of the targets")
      ->check(CLI::Range(1, 20))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  settings.small_messages = std::min<std::size_t>(1000, settings.messages);

  // Twelve targets at most (2 + 2 + 4 + 4), each measured for --seconds in --rounds slices with a
  // warm-up; populating at 500 messages/s or faster; two minutes of slack for set-up.
  const double limit =
      120.0 +
      12.0 * (settings.seconds + static_cast<double>(settings.rounds) * (settings.warmup + 1.0)) +
      static_cast<double>(settings.messages + settings.small_messages) / 500.0;
  Watchdog watchdog(limit);
  try {
    Bench bench(settings);
    bench.print_header();
    bench.run();
    return bench.errors() == 0 ? 0 : 1;
  } catch (const std::exception& error) {
    std::fflush(stdout);
    std::fprintf(stderr, "server-bench: %s\n", error.what());
    return 2;
  }
}
