#include "cassettes/journal.hpp"

#include "cassettes/bounded_json.hpp"
#include "cassettes/cassette_json.hpp"

namespace cassettes {

std::filesystem::path journal_path(const std::filesystem::path& cassette_path) {
  std::filesystem::path out = cassette_path;
  out += ".journal";
  return out;
}

std::string journal_header_line(const CassetteMeta& meta) {
  Json header = Json::object();
  header["journal"] = 1;
  header["cassette_recorded_at"] = meta.recorded_at;
  return header.dump() + "\n";
}

std::string journal_entry_line(std::size_t seq, const Interaction& interaction) {
  Json entry = Json::object();
  entry["seq"] = seq;
  entry["interaction"] = interaction_to_json(interaction);
  return entry.dump() + "\n";
}

JournalMerge merge_journal(std::string_view journal_text, Cassette& cassette) {
  JournalMerge result;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < journal_text.size()) {
    const std::size_t end = journal_text.find('\n', start);
    if (end == std::string_view::npos) {
      result.warnings.push_back("journal line " + std::to_string(line_number + 1) +
                                " is incomplete (the exchange in flight when recording stopped); dropped");
      break;
    }
    const std::string_view line = journal_text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    // An entry's interaction sits one level deeper in the cassette file ("interactions": [...])
    // than on its journal line: bounded one tighter, whatever merges here saves as a loadable file.
    auto parsed = parse_json_bounded(line, k_max_cassette_depth - 1);
    if (!parsed || !parsed->is_object()) {
      result.warnings.push_back("journal line " + std::to_string(line_number) +
                                " is not valid JSON; it and the lines after it were dropped");
      break;
    }
    if (line_number == 1) {
      const Json& header = *parsed;
      // Compared as JSON values: value("journal", 0) would throw on a string there.
      if (header.value("journal", Json()) != 1 ||
          header.value("cassette_recorded_at", Json()) != cassette.meta.recorded_at) {
        result.warnings.push_back("the journal belongs to another recording of this cassette "
                                  "(recorded_at differs); ignored");
        break;
      }
      continue;
    }
    const auto seq = parsed->find("seq");
    const auto interaction = parsed->find("interaction");
    if (seq == parsed->end() || !seq->is_number_unsigned() || interaction == parsed->end()) {
      result.warnings.push_back("journal line " + std::to_string(line_number) +
                                " is not an entry; it and the lines after it were dropped");
      break;
    }
    const auto index = seq->get<std::size_t>();
    if (index < cassette.interactions.size()) continue;  // already in the cassette file
    if (index > cassette.interactions.size()) {
      result.warnings.push_back("journal line " + std::to_string(line_number) + " skips ahead to entry " +
                                std::to_string(index) + "; it and the lines after it were dropped");
      break;
    }
    auto loaded = interaction_from_json(std::move(*interaction), "journal line " + std::to_string(line_number));
    if (!loaded) {
      result.warnings.push_back(loaded.error().message + "; it and the lines after it were dropped");
      break;
    }
    cassette.interactions.push_back(std::move(*loaded));
    ++result.merged;
  }
  return result;
}

}  // namespace cassettes
