#include "recorder/cassette_library.hpp"

#include <system_error>
#include <utility>

#include "cassettes/cassette_file.hpp"
#include "recorder/cassette_name.hpp"

namespace recorder {
namespace {

mock::http::ApiError bad_selection(std::string message, const char* code) {
  mock::http::ApiError error(400, std::move(message), "invalid_request_error", std::nullopt, code);
  error.headers.emplace("x-should-retry", "false");
  return error;
}

std::string available(const std::vector<std::string>& names) {
  if (names.empty()) return " The directory holds no cassettes.";
  std::string out = " Available:";
  constexpr std::size_t k_shown = 20;
  for (std::size_t i = 0; i < names.size() && i < k_shown; ++i) out += (i == 0 ? " " : ", ") + names[i];
  if (names.size() > k_shown) out += ", ... (" + std::to_string(names.size()) + " in all)";
  return out + ".";
}

}  // namespace

CassetteLibrary::CassetteLibrary(std::filesystem::path location, bool is_directory, ReplaySettings settings)
    : m_location(std::move(location)), m_is_directory(is_directory), m_settings(std::move(settings)) {}

tl::expected<std::unique_ptr<CassetteLibrary>, std::string> CassetteLibrary::open(const std::filesystem::path& location,
                                                                                ReplaySettings settings) {
  std::error_code error;
  const std::filesystem::path real = std::filesystem::canonical(location, error);
  if (error) return tl::unexpected("no cassette or directory at " + location.string() + ": " + error.message());
  const bool is_directory = std::filesystem::is_directory(real, error);
  std::unique_ptr<CassetteLibrary> library(new CassetteLibrary(real, is_directory, std::move(settings)));
  if (!is_directory) {
    auto session = library->load(real, real.stem().string());
    if (!session) return tl::unexpected(session.error());
    library->m_sessions.emplace("", std::move(*session));
  }
  return library;
}

tl::expected<std::shared_ptr<ReplaySession>, std::string> CassetteLibrary::load(const std::filesystem::path& file,
                                                                               const std::string& name) const {
  auto loaded = cassettes::load_cassette(file);
  if (!loaded) return tl::unexpected(loaded.error().message);
  if (m_settings.notice) {
    for (const std::string& warning : loaded->warnings) m_settings.notice(warning);
    if (loaded->recovered_from_journal > 0) {
      m_settings.notice(file.string() + ": " + std::to_string(loaded->recovered_from_journal) +
                        " exchange(s) recovered from the journal of an unfinished recording");
    }
  }
  // The rules the cassette was recorded with apply to live requests too: a body field
  // redacted on disk must be redacted before matching, or it could never match.
  cassettes::RedactionRules rules = loaded->cassette.meta.redaction;
  rules.headers.insert(rules.headers.end(), m_settings.redaction.headers.begin(), m_settings.redaction.headers.end());
  rules.json_paths.insert(rules.json_paths.end(), m_settings.redaction.json_paths.begin(),
                          m_settings.redaction.json_paths.end());
  auto redactor = Redactor::create(std::move(rules));
  if (!redactor) return tl::unexpected(file.string() + ": " + redactor.error());

  auto session = std::make_shared<ReplaySession>();
  session->name = name;
  session->replayer = std::make_shared<Replayer>(
      std::make_shared<const cassettes::Cassette>(std::move(loaded->cassette)), m_settings.matchers, m_settings.speed);
  Proxy::Parts parts;
  parts.mode = RecordMode::none;
  parts.cassette_existed = true;
  parts.replayer = session->replayer;
  parts.redactor = std::make_shared<const Redactor>(std::move(*redactor));
  parts.cassette_label = name;
  parts.log = m_settings.log;
  session->proxy = std::make_unique<Proxy>(std::move(parts));
  return session;
}

tl::expected<std::shared_ptr<ReplaySession>, mock::http::ApiError> CassetteLibrary::session_named(
    const std::string& given) {
  if (!m_is_directory) return m_sessions.at("");
  // "seed" and "seed.json" name one cassette, with one play state.
  const std::string name = given.ends_with(".json") ? given.substr(0, given.size() - 5) : given;
  {
    const std::lock_guard lock(m_mutex);
    if (const auto it = m_sessions.find(name); it != m_sessions.end()) return it->second;
  }
  auto file = resolve_cassette_name(m_location, name);
  if (!file) {
    const bool missing = file.error().kind == NameError::Kind::not_found;
    return tl::unexpected(bad_selection(file.error().message + (missing ? available(names()) : ""),
                                        missing ? "cassette_not_found" : "invalid_cassette_name"));
  }
  // Loading happens outside the lock so one large cassette does not hold up the others;
  // if two requests race to load the same one, the first to finish wins.
  auto session = load(*file, name);
  if (!session) {
    mock::http::ApiError error(500, "Cassette '" + name + "' could not be loaded: " + session.error(), "server_error",
                               std::nullopt, "cassette_unreadable");
    error.headers.emplace("x-should-retry", "false");
    return tl::unexpected(error);
  }
  const std::lock_guard lock(m_mutex);
  return m_sessions.emplace(name, std::move(*session)).first->second;
}

tl::expected<std::shared_ptr<ReplaySession>, mock::http::ApiError> CassetteLibrary::session_for(
    const std::optional<std::string>& name) {
  if (!m_is_directory) return m_sessions.at("");
  std::optional<std::string> chosen = name;
  if (!chosen) chosen = default_name();
  if (!chosen) {
    return tl::unexpected(bad_selection(
        "No cassette selected: send the header 'X-Cassette: NAME' or POST /__admin/cassette {\"name\": NAME} first." +
            available(names()),
        "cassette_not_selected"));
  }
  return session_named(*chosen);
}

tl::expected<void, mock::http::ApiError> CassetteLibrary::select_default(const std::string& name) {
  auto session = session_named(name);  // load now, so a bad name fails here and not later
  if (!session) return tl::unexpected(session.error());
  const std::lock_guard lock(m_mutex);
  m_default = name;
  return {};
}

std::optional<std::string> CassetteLibrary::default_name() const {
  const std::lock_guard lock(m_mutex);
  return m_default;
}

tl::expected<void, mock::http::ApiError> CassetteLibrary::rewind(const std::optional<std::string>& name) {
  if (name && m_is_directory) {
    auto session = session_named(*name);
    if (!session) return tl::unexpected(session.error());
    (*session)->replayer->rewind();
    return {};
  }
  const std::lock_guard lock(m_mutex);
  for (auto& [key, session] : m_sessions) session->replayer->rewind();
  return {};
}

std::vector<std::string> CassetteLibrary::names() const {
  if (!m_is_directory) return {m_location.stem().string()};
  return list_cassette_names(m_location);
}

}  // namespace recorder
