#include "recorder/recording.hpp"

#include <utility>

namespace recorder {

Recording::Recording(std::filesystem::path path, cassettes::Cassette initial, std::shared_ptr<const Redactor> redactor,
                     LogLine log)
    : m_writer(std::move(path), std::move(initial)), m_redactor(std::move(redactor)), m_log(std::move(log)) {}

tl::expected<void, cassettes::CassetteError> Recording::record(cassettes::Interaction raw) {
  if (auto beta = cassettes::find_header(raw.request.headers, "openai-beta")) {
    m_writer.set_api_version_if_unset(*beta);
  }
  const std::string what = raw.request.method + " " + raw.request.path;
  auto appended = m_writer.append(m_redactor->redact(std::move(raw)));
  if (!appended && m_log) {
    m_log("could not save " + what + " to the cassette, not recorded: " + appended.error().message +
          " (the cassette keeps every exchange before it)");
  }
  return appended;
}

tl::expected<void, cassettes::CassetteError> Recording::finish() { return m_writer.finish(); }

}  // namespace recorder
