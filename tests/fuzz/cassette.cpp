// Fuzz target: cassette files, as load_cassette() reads them (cassettes/cassette_file.cpp):
// the bounded JSON parser, the format check, every field's reader, and the journal merge of
// a recording that did not finish. The first byte picks what the rest is: even, a cassette
// file; odd, the PATH.journal beside a cassette recorded at 2024-01-01T00:00:00Z.
//
// The loader reports bad input as a CassetteError value; nothing may be thrown. What loads
// must then save and load again to the same bytes (cassette_json.hpp: "re-recording the same
// session gives the same bytes"), and every body must encode for replay.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cassettes/body_codec.hpp"
#include "cassettes/bounded_json.hpp"
#include "cassettes/cassette_file.hpp"
#include "cassettes/cassette_json.hpp"
#include "cassettes/journal.hpp"

namespace {

[[noreturn]] void broken(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz: %s: %.2000s\n", what, detail.c_str());
  std::abort();
}

// The part of load_cassette() after reading the file.
tl::expected<cassettes::Cassette, cassettes::CassetteError> load(std::string_view text) {
  auto document = cassettes::parse_json_document(text, cassettes::k_max_cassette_depth);
  if (!document) return tl::unexpected(cassettes::CassetteError{document.error()});
  return cassettes::cassette_from_json(std::move(*document));
}

void check_saves_and_reloads(const cassettes::Cassette& cassette) {
  const std::string saved = cassettes::serialize_cassette(cassette);
  auto reloaded = load(saved);
  if (!reloaded) broken("a saved cassette does not load", reloaded.error().message);
  const std::string saved_again = cassettes::serialize_cassette(*reloaded);
  if (saved_again != saved) broken("saving a reloaded cassette changed its bytes", saved_again);
  for (const cassettes::Interaction& interaction : cassette.interactions) {
    (void)cassettes::encode_body(interaction.request.body);
    (void)cassettes::encode_body(interaction.response.body);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    auto cassette = load(text);
    if (cassette) check_saves_and_reloads(*cassette);
    return 0;
  }
  cassettes::Cassette cassette;
  cassette.meta.tool = "assistants-mock 0.1.0";
  cassette.meta.recorded_at = "2024-01-01T00:00:00Z";
  const cassettes::JournalMerge merge = cassettes::merge_journal(text, cassette);
  if (merge.merged != cassette.interactions.size()) {
    broken("the merge count differs from the entries added", std::to_string(merge.merged));
  }
  check_saves_and_reloads(cassette);
  return 0;
}
