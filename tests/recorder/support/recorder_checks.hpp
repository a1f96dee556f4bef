#pragma once
// What the recorder fault tests check after a session: the lines the recorder said on
// stderr, and what the cassette on disk holds (which must load without warnings).
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cassettes/cassette_file.hpp"
#include "recorder/record_server.hpp"

namespace recorder_tests {

// What the recorder says on stderr (the CLI prints these lines there).
struct Notices {
  std::mutex mutex;
  std::vector<std::string> lines;

  recorder::LogLine sink() {
    return [this](const std::string& line) {
      const std::lock_guard lock(mutex);
      lines.push_back(line);
    };
  }
  // Whether one line holds `text` and, if given, `also`.
  bool contain(const std::string& text, const std::string& also = "") {
    const std::lock_guard lock(mutex);
    for (const std::string& line : lines) {
      if (line.find(text) != std::string::npos && line.find(also) != std::string::npos) return true;
    }
    return false;
  }
  std::string all() {
    const std::lock_guard lock(mutex);
    std::string out;
    for (const std::string& line : lines) out += line + "\n";
    return out;
  }
};

// Each recorded exchange of `cassette` as `label` names it, in order; empty when there is no
// file. A cassette that does not load, or loads with warnings, fails the test.
inline std::vector<std::string> recorded_labels(const std::filesystem::path& cassette,
                                                const std::function<std::string(const cassettes::Interaction&)>& label) {
  if (!std::filesystem::exists(cassette)) return {};
  auto loaded = cassettes::load_cassette(cassette);
  EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : loaded.error().message);
  if (!loaded) return {"<unreadable>"};
  for (const std::string& warning : loaded->warnings) ADD_FAILURE() << "load warning: " << warning;
  std::vector<std::string> out;
  for (const auto& interaction : loaded->cassette.interactions) out.push_back(label(interaction));
  return out;
}

}  // namespace recorder_tests
