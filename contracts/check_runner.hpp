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

struct CheckReport {
  std::string contracts;  // the source's name, for the report header
  bool versioned = true;  // whether the API version chose each contract (not with --spec)
  std::size_t files = 0;
  std::vector<ResponseCheck> responses;
  std::vector<UnreadableFile> unreadable;
  std::vector<std::string> warnings;
};

// The files `inputs` stand for, sorted; the error names an input that does not exist.
tl::expected<std::vector<std::filesystem::path>, std::string> cassette_files(
    const std::vector<std::filesystem::path>& inputs);

// Fails only when an input does not exist; unreadable cassettes are listed in the report.
tl::expected<CheckReport, std::string> run_check(const CheckOptions& options, const ContractSource& contracts);

// The version a response is checked as: the override, else the request's OpenAI-Beta header,
// else the cassette's, else v2.
ApiVersion version_for(const ObservedResponse& response, const std::optional<std::string>& cassette_version,
                       const std::optional<ApiVersion>& override_version);

}  // namespace contracts
