#pragma once
// What went wrong reading or writing a cassette, in words for the user: the message names
// the file or the JSON location and, where there is one, the way out.
#include <string>

namespace cassettes {

struct CassetteError {
  std::string message;
  // The file is some other JSON document, not a cassette of any tool (a schema, a fixture):
  // a directory walk (`check DIR`) skips it with a note instead of failing on it.
  bool not_a_cassette = false;
};

}  // namespace cassettes
