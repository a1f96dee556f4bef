// The main() a fuzz target gets in the normal build: it replays every file of the directories
// (or files) it is given through LLVMFuzzerTestOneInput, once each, in name order, so the
// seed corpus and every crash ever found run under the ordinary test suite's sanitizers.
// A crash or sanitizer report ends the process, as it would under libFuzzer; the file being
// run is printed first so the report can be traced to it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::filesystem::path> inputs_in(const std::filesystem::path& where) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  if (std::filesystem::is_regular_file(where, error)) return {where};
  // A target without regressions yet has no directory for them: nothing to run there.
  if (!std::filesystem::is_directory(where, error)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(where)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && !name.starts_with(".") && name != "README.md") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool run_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", file.c_str());
    return false;
  }
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::fprintf(stderr, "running %s (%zu bytes)\n", file.c_str(), bytes.size());
  // A copy of exactly `size` bytes, as libFuzzer passes it: an overread is then a heap overflow.
  std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(input.empty() ? nullptr : input.data(), input.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR_OR_FILE...\n", argv[0]);
    return 2;
  }
  std::size_t ran = 0;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    for (const std::filesystem::path& file : inputs_in(argv[i])) {
      ok = run_file(file) && ok;
      ++ran;
    }
  }
  std::fprintf(stderr, "%zu inputs ran without a crash\n", ran);
  // No input at all means the corpus path is wrong, not that everything passed.
  return ok && ran > 0 ? 0 : 1;
}
