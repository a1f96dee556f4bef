#pragma once
// The journal beside a cassette being recorded (PATH.journal): JSON Lines, one line per
// completed exchange, appended and synced as the exchange completes. The cassette file is
// rewritten only now and then (atomically); the loader merges the journal's newer entries,
// so a `kill -9` loses at most the exchange in flight.
//
//   {"journal":1,"cassette_recorded_at":"2024-01-01T00:00:00Z"}
//   {"seq":0,"interaction":{...}}
//   {"seq":1,"interaction":{...}}
//
// `seq` is the entry's index in the cassette: entries already in the cassette file (the
// process died between a rewrite and emptying the journal) are skipped, never doubled.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "cassettes/cassette.hpp"

namespace cassettes {

std::filesystem::path journal_path(const std::filesystem::path& cassette_path);
std::string journal_header_line(const CassetteMeta& meta);
std::string journal_entry_line(std::size_t seq, const Interaction& interaction);

struct JournalMerge {
  std::size_t merged = 0;              // entries appended to the cassette
  std::vector<std::string> warnings;   // what was skipped and why
};

// Appends to `cassette` the entries of `journal_text` it does not hold yet. A partial last
// line (the exchange in flight when the recorder died) is dropped; a journal written for
// another recording of this path (a different recorded_at) is ignored.
JournalMerge merge_journal(std::string_view journal_text, Cassette& cassette);

}  // namespace cassettes
