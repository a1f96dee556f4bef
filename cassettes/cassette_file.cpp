#include "cassettes/cassette_file.hpp"

#include <system_error>

#include "cassettes/bounded_json.hpp"
#include "cassettes/cassette_json.hpp"
#include "cassettes/durable_file.hpp"
#include "cassettes/journal.hpp"

namespace cassettes {

tl::expected<LoadedCassette, CassetteError> load_cassette(const std::filesystem::path& path) {
  auto text = read_whole_file(path);
  if (!text) return tl::unexpected(text.error());
  const std::string where = path.string() + ": ";
  auto document = parse_json_document(*text, k_max_cassette_depth);
  if (!document) return tl::unexpected(CassetteError{where + document.error()});
  text->clear();
  text->shrink_to_fit();
  auto cassette = cassette_from_json(std::move(*document));
  if (!cassette) {
    return tl::unexpected(CassetteError{where + cassette.error().message, cassette.error().not_a_cassette});
  }

  LoadedCassette loaded{std::move(*cassette), 0, {}};
  const std::filesystem::path journal = journal_path(path);
  std::error_code ignored;
  if (std::filesystem::exists(journal, ignored)) {
    auto journal_text = read_whole_file(journal);
    if (!journal_text) {
      loaded.warnings.push_back(journal_text.error().message);
    } else {
      JournalMerge merge = merge_journal(*journal_text, loaded.cassette);
      loaded.recovered_from_journal = merge.merged;
      for (std::string& warning : merge.warnings) loaded.warnings.push_back(journal.string() + ": " + warning);
    }
  }
  return loaded;
}

std::string serialize_cassette(const Cassette& cassette) {
  return cassette_to_json(cassette).dump(2) + "\n";
}

tl::expected<void, CassetteError> save_cassette(const std::filesystem::path& path, const Cassette& cassette) {
  return write_file_atomically(path, serialize_cassette(cassette));
}

}  // namespace cassettes
