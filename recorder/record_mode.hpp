#pragma once
// Record modes and the one decision every request goes through (STYLE.md §6). proxy.cpp
// is the only reader of the mode; everything else asks decide().
#include <array>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace recorder {

enum class RecordMode {
  none,          // replay only: a request with no recorded match is refused
  once,          // record if the cassette did not exist, else replay only
  new_episodes,  // replay what matches, record what does not
  all,           // record everything again; the old interactions are replaced
};

enum class Action { replay, forward_and_record, refuse };

inline constexpr std::array<RecordMode, 4> k_record_modes = {RecordMode::none, RecordMode::once,
                                                            RecordMode::new_episodes, RecordMode::all};

// Unknown text -> "unknown record mode 'x'; valid modes: none, once, new_episodes, all".
tl::expected<RecordMode, std::string> parse_record_mode(std::string_view text);
std::string_view to_string(RecordMode mode);
std::string_view to_string(Action action);
std::string valid_record_modes();  // "none, once, new_episodes, all"

// What to do with one request. `cassette_existed`: the cassette was on disk when the
// session started; `hit`: a recorded interaction of that cassette matches the request.
Action decide(RecordMode mode, bool cassette_existed, bool hit);

// Whether a session in this mode may ever forward, i.e. needs an upstream.
bool may_record(RecordMode mode, bool cassette_existed);

}  // namespace recorder
