#pragma once
// The cassettes a replay server serves: one file, or a directory whose cassettes clients
// pick by name (`X-Cassette: NAME`, or POST /__admin/cassette for a default), so parallel
// suites share one server. Each cassette loads on first use and keeps its own play state.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "cassettes/cassette.hpp"
#include "http/api_error.hpp"
#include "recorder/proxy.hpp"

namespace recorder {

struct ReplaySettings {
  MatcherSet matchers;
  double speed = 0;                       // 0: no delays
  cassettes::RedactionRules redaction;    // on top of the built-in rules and the cassette's own
  LogLine log;                            // one line per request, if set
  LogLine notice;                         // load warnings (journal recovery), if set
};

struct ReplaySession {
  std::string name;
  std::shared_ptr<Replayer> replayer;
  std::unique_ptr<Proxy> proxy;
};

class CassetteLibrary {
public:
  // A file is loaded now (so a broken one stops the server at start-up); a directory is
  // checked to exist and its cassettes load when first selected.
  static tl::expected<std::unique_ptr<CassetteLibrary>, std::string> open(const std::filesystem::path& location,
                                                                         ReplaySettings settings);

  // The session for a request: `name` (from X-Cassette), else the admin-chosen default.
  // In file mode there is one session and names are not used. Errors are 400 answers.
  tl::expected<std::shared_ptr<ReplaySession>, mock::http::ApiError> session_for(const std::optional<std::string>& name);
  tl::expected<void, mock::http::ApiError> select_default(const std::string& name);
  std::optional<std::string> default_name() const;
  // Rewinds one cassette (by name) or, with nullopt, every loaded one.
  tl::expected<void, mock::http::ApiError> rewind(const std::optional<std::string>& name);

  bool is_directory() const { return m_is_directory; }
  std::vector<std::string> names() const;
  const std::filesystem::path& location() const { return m_location; }

private:
  CassetteLibrary(std::filesystem::path location, bool is_directory, ReplaySettings settings);
  tl::expected<std::shared_ptr<ReplaySession>, std::string> load(const std::filesystem::path& file,
                                                                 const std::string& name) const;
  tl::expected<std::shared_ptr<ReplaySession>, mock::http::ApiError> session_named(const std::string& name);

  std::filesystem::path m_location;
  bool m_is_directory;
  ReplaySettings m_settings;
  mutable std::mutex m_mutex;
  std::map<std::string, std::shared_ptr<ReplaySession>> m_sessions;  // by name; "" in file mode
  std::optional<std::string> m_default;
};

}  // namespace recorder
