// `assistants-mock check CASSETTE|DIR... [--spec FILE] [--format table|json] [--api-version V]`:
// every recorded response checked against the schema of its endpoint, status and API version;
// prints a drift report. With `--as-of DATE`: what the API of DATE would answer differently
// (contracts/as_of_check.hpp), and the migration checklist. Exit 0 clean, 1 drift, 2 usage error (bad flag, missing input, an
// input without a cassette, unreadable spec or cassette).
#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/flag_checks.hpp"
#include "contracts/as_of_report.hpp"
#include "contracts/check_report.hpp"
#include "contracts/check_runner.hpp"
#include "contracts/contract_source.hpp"
#include "contracts/openapi/spec_contracts.hpp"

namespace cli {
namespace {

struct CheckFlags {
  std::vector<std::string> inputs;
  std::string spec;
  std::string format = "table";
  std::string api_version;
  std::string as_of;  // YYYY-MM-DD, checked by the flag
};

constexpr std::size_t k_progress_from_files = 20;  // smaller runs finish before anyone waits

int usage_error(const std::string& message) {
  std::cerr << "assistants-mock check: " << message << "\n"
            << "Run 'assistants-mock check --help' for usage.\n";
  return 2;
}

// Progress on stderr about every tenth of the way, so stdout stays the report alone.
void report_progress(const contracts::CheckProgress& progress) {
  if (progress.files_total < k_progress_from_files) return;
  const std::size_t step = std::max<std::size_t>(1, progress.files_total / 10);
  if (progress.files_done % step == 0 || progress.files_done == progress.files_total) {
    std::cerr << "check: " << progress.files_done << "/" << progress.files_total << " files\n";
  }
}

// The report on stdout; skipped and unreadable files on stderr, around it.
template <class Report, class RenderJson, class RenderTable>
void print_report(const Report& report, bool json, RenderJson render_json, RenderTable render_table) {
  for (const contracts::SkippedFile& file : report.skipped) {
    std::cerr << "assistants-mock check: skipped " << file.file << ": not a cassette\n";
  }
  if (json) {
    std::cout << render_json(report).dump(2) << "\n";
  } else {
    std::cout << render_table(report);
  }
  for (const contracts::UnreadableFile& file : report.unreadable) {
    std::cerr << "assistants-mock check: cannot read " << file.message << "\n";
  }
}

// --as-of: the recording against the API of a date, not against the schemas.
int run_as_of(const CheckFlags& flags) {
  if (!flags.spec.empty() || !flags.api_version.empty()) {
    return usage_error("--as-of compares recordings with the API of a date; it takes neither --spec nor --api-version");
  }
  std::vector<std::filesystem::path> inputs(flags.inputs.begin(), flags.inputs.end());
  auto report = contracts::run_as_of_check(inputs, *timeline::parse_date(flags.as_of));
  if (!report) return usage_error(report.error());
  print_report(*report, flags.format == "json", contracts::render_as_of_json, contracts::render_as_of_table);
  return contracts::as_of_exit_status(*report);
}

int run_check_command(const CheckFlags& flags, const std::vector<std::string>& extras) {
  if (!extras.empty()) return usage_error("unknown argument '" + extras.front() + "'");
  if (flags.inputs.empty()) return usage_error("give at least one cassette file or directory");
  if (flags.format != "table" && flags.format != "json") {
    return usage_error("--format must be table or json, not '" + flags.format + "'");
  }
  if (!flags.as_of.empty()) return run_as_of(flags);
  contracts::CheckOptions options;
  if (!flags.api_version.empty()) {
    options.version = contracts::parse_api_version(flags.api_version);
    if (!options.version) {
      return usage_error("--api-version must be v1, v1-final, v1-2023-12 or v2, not '" + flags.api_version + "'");
    }
  }
  for (const std::string& input : flags.inputs) options.inputs.emplace_back(input);
  options.on_progress = report_progress;

  std::unique_ptr<contracts::ContractSource> source;
  if (flags.spec.empty()) {
    source = std::make_unique<contracts::BuiltinContracts>();
  } else {
    auto spec = contracts::openapi::SpecContracts::load(flags.spec);
    if (!spec) return usage_error(spec.error());
    source = std::make_unique<contracts::openapi::SpecContracts>(std::move(*spec));
  }

  auto report = contracts::run_check(options, *source);
  if (!report) return usage_error(report.error());
  print_report(*report, flags.format == "json", contracts::render_json, contracts::render_table);
  return contracts::exit_status(*report);
}

}  // namespace

Command add_check_command(CLI::App& app) {
  auto flags = std::make_shared<CheckFlags>();
  CLI::App* check = app.add_subcommand(
      "check", "Check recorded responses against the API's JSON Schemas and report drift.");
  check->footer(
      "Exit status: 0 no drift, 1 drift found, 2 usage error or unreadable file.\n"
      "Directories are searched recursively for *.json cassettes; other JSON files there are\n"
      "skipped with a note, and a directory without a cassette is an error. Each response is\n"
      "judged by the contract it was recorded against: the cassette's meta.contract, else its\n"
      "OpenAI-Beta header, with assistants=v1 dated by meta.recorded_at (v1-2023-12 before\n"
      "2024-04-16 and from 2025 on, the mock's; v1-final in between). --api-version overrides it.\n"
      "With --as-of DATE: exit 0 nothing breaks on that date, 1 a recorded call would break.");
  check->add_option("inputs", flags->inputs, "Cassette files or directories");
  check->add_option("--spec", flags->spec,
                    "Check against this OpenAPI 3.0/3.1 document (YAML or JSON) instead of the built-in schemas");
  check->add_option("--format", flags->format, "table (default) or json")->capture_default_str();
  check->add_option("--api-version", flags->api_version,
                    "Check every response as v1 (= v1-final), v1-2023-12, v1-final or v2");
  check->add_option("--as-of", flags->as_of,
                    "Report what the API of this date (YYYY-MM-DD) would answer differently: routes "
                    "gone or not yet launched (with the migration mapping), requests refused, v1 fields "
                    "added or not yet there; exit 1 when a call would break")
      ->check(calendar_date("--as-of"));
  // Unknown flags reach run() so they exit with 2 like every other usage error.
  check->allow_extras();
  return {check, [flags, check] { return run_check_command(*flags, check->remaining()); }};
}

}  // namespace cli
