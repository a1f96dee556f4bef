#pragma once
// Cassette names as clients send them (`X-Cassette: suite/test_one`), turned into files
// under the replay directory. A name can never reach outside it: absolute names, `..`,
// backslashes and odd characters are refused, and so is any symbolic link on the way.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace recorder {

struct NameError {
  enum class Kind { refused, not_found };
  Kind kind;
  std::string message;
};

// "suite/test_one" -> ROOT/suite/test_one.json (".json" may be given or left out).
tl::expected<std::filesystem::path, NameError> resolve_cassette_name(const std::filesystem::path& root,
                                                                     std::string_view name);

// Every cassette under `root`, as names ("suite/test_one"), sorted; links are not followed.
std::vector<std::string> list_cassette_names(const std::filesystem::path& root);

}  // namespace recorder
