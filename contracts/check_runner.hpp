#pragma once
// `check` as a library: every response of every cassette given (files, or directories walked
// recursively for *.json) checked against its contract.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "contracts/api_version.hpp"
#include "contracts/contract_source.hpp"
#include "contracts/recorded_contract.hpp"
#include "contracts/response_check.hpp"

namespace contracts {

struct CheckProgress {
  std::size_t files_done = 0;
  std::size_t files_total = 0;
};

struct CheckOptions {
  std::vector<std::filesystem::path> inputs;  // cassette files and directories
  std::optional<ApiVersion> version;          // overrides what the cassettes say
  std::function<void(const CheckProgress&)> on_progress;  // after each file
};

struct UnreadableFile {
  std::string file;
  std::string message;
};

// A *.json file found in a directory that is not a cassette at all (a schema, a fixture).
struct SkippedFile {
  std::string file;
  std::string reason;
};

struct CheckReport {
  std::string contracts;  // the source's name, for the report header
  bool versioned = true;  // whether the API version chose each contract (not with --spec)
  std::size_t files = 0;  // cassettes, readable or not; skipped files are not counted
  std::vector<ResponseCheck> responses;
  std::vector<UnreadableFile> unreadable;
  std::vector<SkippedFile> skipped;
  std::vector<std::string> warnings;
};

struct InputFile {
  std::filesystem::path path;
  std::size_t input = 0;        // index in CheckOptions::inputs
  bool from_directory = false;  // found by walking a directory, not named by the user
};

// The files `inputs` stand for, each directory's sorted; the error names an input that does
// not exist.
tl::expected<std::vector<InputFile>, std::string> cassette_files(const std::vector<std::filesystem::path>& inputs);

// Fails when an input does not exist, or holds no cassette ("no cassettes found in PATH"), so
// an empty or mistyped directory never reads as "no drift". Unreadable cassettes are listed in
// the report; files found in a directory that are not cassettes are skipped (report.skipped).
// Each response is checked as contract_for() (contracts/recorded_contract.hpp) says.
tl::expected<CheckReport, std::string> run_check(const CheckOptions& options, const ContractSource& contracts);

}  // namespace contracts
