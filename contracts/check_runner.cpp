#include "contracts/check_runner.hpp"

#include <algorithm>
#include <system_error>

#include "contracts/cassette_responses.hpp"

namespace contracts {

tl::expected<std::vector<InputFile>, std::string> cassette_files(const std::vector<std::filesystem::path>& inputs) {
  std::vector<InputFile> files;
  for (std::size_t index = 0; index < inputs.size(); ++index) {
    const std::filesystem::path& input = inputs[index];
    std::error_code error;
    if (std::filesystem::is_directory(input, error)) {
      auto walker = std::filesystem::recursive_directory_iterator(
          input, std::filesystem::directory_options::skip_permission_denied, error);
      if (error) return tl::unexpected(input.string() + ": " + error.message());
      std::vector<std::filesystem::path> found;
      for (const auto& entry : walker) {
        if (entry.is_regular_file(error) && entry.path().extension() == ".json") found.push_back(entry.path());
      }
      std::sort(found.begin(), found.end());
      for (auto& path : found) files.push_back({std::move(path), index, true});
    } else if (std::filesystem::exists(input, error)) {
      files.push_back({input, index, false});
    } else {
      return tl::unexpected(input.string() + ": no such file or directory");
    }
  }
  return files;
}

tl::expected<CheckReport, std::string> run_check(const CheckOptions& options, const ContractSource& contracts) {
  auto files = cassette_files(options.inputs);
  if (!files) return tl::unexpected(files.error());
  CheckReport report;
  report.contracts = contracts.name();
  report.versioned = contracts.versioned();
  std::vector<std::size_t> cassettes_per_input(options.inputs.size(), 0);
  std::vector<std::size_t> skipped_per_input(options.inputs.size(), 0);
  CheckProgress progress{0, files->size()};
  for (const InputFile& file : *files) {
    auto cassette = read_cassette_responses(file.path);
    if (!cassette && cassette.error().not_a_cassette && file.from_directory) {
      // A directory of cassettes may hold other JSON (cassettes/ holds the format's schema).
      report.skipped.push_back({file.path.string(), cassette.error().message});
      ++skipped_per_input[file.input];
    } else {
      ++report.files;
      ++cassettes_per_input[file.input];
      if (!cassette) {
        report.unreadable.push_back({file.path.string(), cassette.error().message});
      } else {
        for (const std::string& warning : cassette->warnings) {
          report.warnings.push_back(file.path.string() + ": " + warning);
        }
        const RecordedAgainst& recorded = cassette->recorded_against;
        if (recorded.contract && !parse_api_version(*recorded.contract)) {
          report.warnings.push_back(file.path.string() + ": meta.contract \"" + *recorded.contract +
                                    "\" is not v1-2023-12, v1-final or v2; ignored");
        }
        for (const ObservedResponse& response : cassette->responses) {
          const ApiVersion version = contract_for(response.api_version, recorded, options.version);
          report.responses.push_back(check_response(response, version, contracts));
        }
      }
    }
    ++progress.files_done;
    if (options.on_progress) options.on_progress(progress);
  }
  for (std::size_t index = 0; index < options.inputs.size(); ++index) {
    if (cassettes_per_input[index] != 0) continue;
    std::string message = "no cassettes found in " + options.inputs[index].string();
    if (skipped_per_input[index] != 0) {
      message += " (" + std::to_string(skipped_per_input[index]) + " *.json file" +
                 (skipped_per_input[index] == 1 ? " is not a cassette)" : "s are not cassettes)");
    }
    return tl::unexpected(message);
  }
  return report;
}

}  // namespace contracts
