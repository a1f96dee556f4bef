#pragma once
// Records a cassette so that nothing completed is ever lost (FORMAT.md, "Durability"):
// each appended exchange is one fsync'd journal line before append() returns; the cassette
// file itself is only ever replaced atomically with everything so far, on the first append
// (folding in what an earlier session left) and on finish(), never in between: an append
// costs the same at the 10,000th exchange as at the first.
// Thread-safe: the proxy's worker threads append concurrently.
#include <cstddef>
#include <filesystem>
#include <mutex>

#include <tl/expected.hpp>

#include "cassettes/cassette.hpp"
#include "cassettes/cassette_error.hpp"
#include "cassettes/durable_file.hpp"

namespace cassettes {

class CassetteWriter {
public:
  // `initial` is what the cassette holds before this session (empty to re-record). Nothing
  // touches the disk until the first append, so a session that records nothing leaves
  // the files as they were.
  CassetteWriter(std::filesystem::path path, Cassette initial);

  // Durable when it returns. The first append also fixes the metadata (api_version).
  // When it fails (disk full, read-only), the exchange is not recorded and the files still
  // hold every exchange appended before; a later append works again once the disk does.
  tl::expected<void, CassetteError> append(Interaction interaction);
  // Sets meta.api_version if no exchange has been written yet.
  void set_api_version_if_unset(const std::string& api_version);
  // Rewrites the cassette file with every exchange and removes the journal. Idempotent;
  // a later append starts a new journal.
  tl::expected<void, CassetteError> finish();

  std::size_t size() const;
  std::size_t appended() const;  // in this session
  const std::filesystem::path& path() const { return m_path; }

private:
  tl::expected<void, CassetteError> compact_locked();

  mutable std::mutex m_mutex;
  std::filesystem::path m_path;
  Cassette m_cassette;
  AppendOnlyFile m_journal;
  std::size_t m_appended = 0;
  std::size_t m_journal_entries = 0;  // appended since the cassette file was last written
  bool m_started = false;
};

}  // namespace cassettes
