#pragma once
// Cassette files on disk: load (merging the journal of a recording that did not finish
// cleanly) and save (atomically, 2-space indentation, keys in a fixed order).
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "cassettes/cassette.hpp"
#include "cassettes/cassette_error.hpp"

namespace cassettes {

struct LoadedCassette {
  Cassette cassette;
  std::size_t recovered_from_journal = 0;  // exchanges found only in PATH.journal
  std::vector<std::string> warnings;
};

tl::expected<LoadedCassette, CassetteError> load_cassette(const std::filesystem::path& path);

// The file's exact bytes: what save_cassette writes.
std::string serialize_cassette(const Cassette& cassette);

// Replaces `path` atomically; readers see the old cassette or the new one, never half.
tl::expected<void, CassetteError> save_cassette(const std::filesystem::path& path, const Cassette& cassette);

}  // namespace cassettes
