#pragma once
// `assistants-mock record`: a loopback server that forwards every request to the upstream
// and records the exchanges into a cassette, or replays them, as the record mode decides.
// The CLI and the in-process tests both build one of these from a RecordConfig.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <tl/expected.hpp>

#include "cassettes/cassette.hpp"
#include "cassettes/cassette_error.hpp"
#include "http/http_server.hpp"
#include "observe/journal.hpp"
#include "observe/request_log.hpp"
#include "recorder/forwarder.hpp"
#include "recorder/matchers.hpp"
#include "recorder/record_mode.hpp"

namespace recorder {

inline constexpr int k_default_record_port = 4011;

struct RecordConfig {
  mock::http::HttpServerConfig http;  // its port defaults to 4010: set http.port
  std::string upstream = "https://api.openai.com";
  long connect_timeout_ms = 10'000;
  long timeout_ms = 600'000;
  std::string ca_file;  // CA certificates (PEM) to trust for the upstream; verification is never off
  std::filesystem::path cassette;
  RecordMode mode = RecordMode::once;
  std::string match_on = std::string(k_default_match_on);
  cassettes::RedactionRules redaction;  // beyond the built-in rules
  LogLine log;     // one line per request, if set (never headers, query or bodies)
  // text: "POST /v1/x -> 200 recorded (3 ms)"; json: serve's request log object, one a line.
  mock::observe::LogFormat log_format = mock::observe::LogFormat::text;
  LogLine notice;  // start-up notes and save failures, if set
  std::size_t journal_size = mock::observe::Journal::k_default_capacity;  // 0 turns it off
  std::optional<std::string> admin_token;  // /__admin calls need X-Admin-Token: this
};

class RecordServer {
public:
  // Checks the configuration and loads the cassette; the error names the bad value.
  static tl::expected<std::unique_ptr<RecordServer>, std::string> create(RecordConfig config);
  ~RecordServer();
  RecordServer(const RecordServer&) = delete;
  RecordServer& operator=(const RecordServer&) = delete;

  int bind();    // returns the port; throws std::runtime_error if it cannot listen
  bool serve();  // on this thread, until stop()
  void start();  // on a background thread; returns once it accepts connections
  void stop();
  // Saves the cassette file whole and removes the journal. Idempotent.
  tl::expected<void, cassettes::CassetteError> finish();

  std::string base_url() const;
  std::string summary() const;  // one line for the operator: what this session will do
  std::size_t recorded() const;

private:
  struct Parts;
  explicit RecordServer(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> m_parts;
  std::thread m_thread;
};

}  // namespace recorder
