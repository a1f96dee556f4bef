#include "contracts/check_runner.hpp"

#include <algorithm>
#include <system_error>

#include "contracts/cassette_responses.hpp"

namespace contracts {

tl::expected<std::vector<std::filesystem::path>, std::string> cassette_files(
    const std::vector<std::filesystem::path>& inputs) {
  std::vector<std::filesystem::path> files;
  for (const auto& input : inputs) {
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
      files.insert(files.end(), found.begin(), found.end());
    } else if (std::filesystem::exists(input, error)) {
      files.push_back(input);
    } else {
      return tl::unexpected(input.string() + ": no such file or directory");
    }
  }
  return files;
}

ApiVersion version_for(const ObservedResponse& response, const std::optional<std::string>& cassette_version,
                       const std::optional<ApiVersion>& override_version) {
  if (override_version) return *override_version;
  if (response.api_version) {
    if (auto version = parse_api_version(*response.api_version)) return *version;
  }
  if (cassette_version) {
    if (auto version = parse_api_version(*cassette_version)) return *version;
  }
  return ApiVersion::v2;
}

tl::expected<CheckReport, std::string> run_check(const CheckOptions& options, const ContractSource& contracts) {
  auto files = cassette_files(options.inputs);
  if (!files) return tl::unexpected(files.error());
  CheckReport report;
  report.contracts = contracts.name();
  report.versioned = contracts.versioned();
  report.files = files->size();
  CheckProgress progress{0, files->size()};
  for (const auto& file : *files) {
    auto cassette = read_cassette_responses(file);
    if (!cassette) {
      report.unreadable.push_back({file.string(), cassette.error()});
    } else {
      for (const std::string& warning : cassette->warnings) report.warnings.push_back(file.string() + ": " + warning);
      for (const ObservedResponse& response : cassette->responses) {
        const ApiVersion version = version_for(response, cassette->api_version, options.version);
        report.responses.push_back(check_response(response, version, contracts));
      }
    }
    ++progress.files_done;
    if (options.on_progress) options.on_progress(progress);
  }
  return report;
}

}  // namespace contracts
