#pragma once
// What went wrong reading or writing a cassette, in words for the user: the message names
// the file or the JSON location and, where there is one, the way out.
#include <string>

namespace cassettes {

struct CassetteError {
  std::string message;
};

}  // namespace cassettes
