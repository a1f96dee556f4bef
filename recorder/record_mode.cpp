#include "recorder/record_mode.hpp"

namespace recorder {

std::string_view to_string(RecordMode mode) {
  switch (mode) {
    case RecordMode::none: return "none";
    case RecordMode::once: return "once";
    case RecordMode::new_episodes: return "new_episodes";
    case RecordMode::all: return "all";
  }
  return "?";
}

std::string_view to_string(Action action) {
  switch (action) {
    case Action::replay: return "replay";
    case Action::forward_and_record: return "forward_and_record";
    case Action::refuse: return "refuse";
  }
  return "?";
}

std::string valid_record_modes() {
  std::string out;
  for (const RecordMode mode : k_record_modes) {
    if (!out.empty()) out += ", ";
    out += to_string(mode);
  }
  return out;
}

tl::expected<RecordMode, std::string> parse_record_mode(std::string_view text) {
  for (const RecordMode mode : k_record_modes) {
    if (to_string(mode) == text) return mode;
  }
  return tl::unexpected("unknown record mode '" + std::string(text) + "'; valid modes: " + valid_record_modes());
}

Action decide(RecordMode mode, bool cassette_existed, bool hit) {
  switch (mode) {
    case RecordMode::none:
      return hit ? Action::replay : Action::refuse;
    case RecordMode::once:
      // A new cassette records everything, hits included: a poll that repeats an earlier
      // request must reach the upstream, or the run would never move on.
      if (!cassette_existed) return Action::forward_and_record;
      return hit ? Action::replay : Action::refuse;
    case RecordMode::new_episodes:
      return hit ? Action::replay : Action::forward_and_record;
    case RecordMode::all:
      return Action::forward_and_record;
  }
  return Action::refuse;
}

bool may_record(RecordMode mode, bool cassette_existed) {
  for (const bool hit : {false, true}) {
    if (decide(mode, cassette_existed, hit) == Action::forward_and_record) return true;
  }
  return false;
}

}  // namespace recorder
