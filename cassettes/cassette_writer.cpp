#include "cassettes/cassette_writer.hpp"

#include <system_error>
#include <utility>

#include "cassettes/cassette_file.hpp"
#include "cassettes/journal.hpp"

namespace cassettes {

CassetteWriter::CassetteWriter(std::filesystem::path path, Cassette initial)
    : m_path(std::move(path)), m_cassette(std::move(initial)) {}

void CassetteWriter::set_api_version_if_unset(const std::string& api_version) {
  const std::lock_guard lock(m_mutex);
  if (!m_started && !m_cassette.meta.api_version) m_cassette.meta.api_version = api_version;
}

tl::expected<void, CassetteError> CassetteWriter::compact_locked() {
  if (auto saved = save_cassette(m_path, m_cassette); !saved) return saved;
  // Entries the new file already holds are skipped by seq if the process dies right here.
  if (auto reset = m_journal.reset(journal_path(m_path), journal_header_line(m_cassette.meta)); !reset) {
    return reset;
  }
  m_journal_entries = 0;
  return {};
}

tl::expected<void, CassetteError> CassetteWriter::append(Interaction interaction) {
  const std::lock_guard lock(m_mutex);
  if (!m_started) remove_abandoned_temporaries(m_path);
  if (!m_started || !m_journal.is_open()) {
    // Fold in what an earlier session left and start a fresh journal for this one; or,
    // after a failed write closed the journal, start it again from a file that holds all.
    if (auto compacted = compact_locked(); !compacted) return compacted;
    m_started = true;
  }
  const std::size_t seq = m_cassette.interactions.size();
  if (auto appended = m_journal.append(journal_entry_line(seq, interaction)); !appended) {
    return appended;
  }
  // No rewrite here, however long the journal grows: a rewrite costs the whole cassette,
  // and one landing inside an exchange made that exchange wait for all the others (at
  // 8,000 exchanges, seconds). The journal is the durable record until finish().
  m_cassette.interactions.push_back(std::move(interaction));
  ++m_appended;
  ++m_journal_entries;
  return {};
}

tl::expected<void, CassetteError> CassetteWriter::finish() {
  const std::lock_guard lock(m_mutex);
  if (!m_started) return {};
  if (m_journal_entries > 0) {
    if (auto compacted = compact_locked(); !compacted) return compacted;
  }
  // The cassette file now holds everything: a clean stop leaves no journal behind.
  m_journal.close();
  std::error_code ignored;
  std::filesystem::remove(journal_path(m_path), ignored);
  m_started = false;
  return {};
}

std::size_t CassetteWriter::size() const {
  const std::lock_guard lock(m_mutex);
  return m_cassette.interactions.size();
}

std::size_t CassetteWriter::appended() const {
  const std::lock_guard lock(m_mutex);
  return m_appended;
}

}  // namespace cassettes
