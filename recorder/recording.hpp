#pragma once
// Where forwarded exchanges go: redacted (the one place before saving), then appended
// durably to the cassette. A failed write is logged and returned: the forwarder tells the
// client, since an answer it passed on would be one the cassette does not have.
#include <cstddef>
#include <filesystem>
#include <memory>

#include <tl/expected.hpp>

#include "cassettes/cassette.hpp"
#include "cassettes/cassette_error.hpp"
#include "cassettes/cassette_writer.hpp"
#include "recorder/forwarder.hpp"
#include "recorder/redaction.hpp"

namespace recorder {

class Recording {
public:
  Recording(std::filesystem::path path, cassettes::Cassette initial, std::shared_ptr<const Redactor> redactor,
            LogLine log);

  tl::expected<void, cassettes::CassetteError> record(cassettes::Interaction raw);
  // Folds the journal into the cassette file. Safe to call twice and from any thread.
  tl::expected<void, cassettes::CassetteError> finish();

  std::size_t recorded() const { return m_writer.appended(); }
  std::size_t size() const { return m_writer.size(); }

private:
  cassettes::CassetteWriter m_writer;
  std::shared_ptr<const Redactor> m_redactor;
  LogLine m_log;
};

}  // namespace recorder
