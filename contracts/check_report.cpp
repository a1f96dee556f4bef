#include "contracts/check_report.hpp"

#include <algorithm>
#include <map>
#include <sstream>
#include <tuple>

namespace contracts {
namespace {

constexpr std::size_t k_max_cell = 60;  // table cells longer than this are cut (JSON keeps all)

std::string cell(const std::string& text) {
  return text.size() <= k_max_cell ? text : text.substr(0, k_max_cell - 3) + "...";
}

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::size_t responses_with_drift(const CheckReport& report) {
  return static_cast<std::size_t>(std::count_if(report.responses.begin(), report.responses.end(),
                                                [](const ResponseCheck& c) { return !c.drift.empty(); }));
}

// "GET /v1/threads/{thread_id}  [v2]"; without the version when one spec answered for all.
std::string heading_of(const DriftRow& row, bool versioned) {
  return versioned ? row.endpoint + "  [" + row.api_version + "]" : row.endpoint;
}

std::string change_label(DriftKind kind) { return to_string(kind) + " (" + severity(kind) + ")"; }

}  // namespace

std::vector<DriftRow> drift_rows(const CheckReport& report) {
  std::vector<DriftRow> rows;
  std::map<std::tuple<std::string, std::string, std::string, std::string, int, std::string>, std::size_t> index;
  for (const ResponseCheck& check : report.responses) {
    for (const ResponseDrift& drift : check.drift) {
      const std::string& version = check.contract;
      const std::string pattern = drift.item.path.to_pattern();
      const auto key = std::make_tuple(check.endpoint, version, drift.event, pattern,
                                       static_cast<int>(drift.item.kind), drift.item.expected);
      auto [it, inserted] = index.emplace(key, rows.size());
      if (inserted) {
        rows.push_back({check.endpoint, version, drift.event, pattern, drift.item.kind, drift.item.expected,
                        drift.item.got, 0, check.origin + " at " + drift.item.path.to_string()});
      }
      ++rows[it->second].occurrences;
    }
  }
  return rows;
}

std::vector<UncheckedRow> unchecked_rows(const CheckReport& report) {
  std::vector<UncheckedRow> rows;
  for (const ResponseCheck& check : report.responses) {
    if (!check.unchecked) continue;
    auto found = std::find_if(rows.begin(), rows.end(), [&](const UncheckedRow& r) { return r.reason == *check.unchecked; });
    if (found == rows.end()) {
      rows.push_back({*check.unchecked, 1, check.origin});
    } else {
      ++found->occurrences;
    }
  }
  return rows;
}

std::string render_table(const CheckReport& report) {
  std::ostringstream out;
  const std::vector<DriftRow> rows = drift_rows(report);
  const std::vector<UncheckedRow> unchecked = unchecked_rows(report);
  out << "Checked " << plural(report.responses.size(), "response") << " in " << plural(report.files, "file")
      << " against " << report.contracts << ".\n";

  // One block per endpoint and version, rows aligned within the block.
  std::string current;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const DriftRow& row = rows[i];
    const std::string heading = heading_of(row, report.versioned);
    if (heading == current) continue;
    current = heading;
    std::vector<const DriftRow*> block;
    for (std::size_t j = i; j < rows.size(); ++j) {
      if (heading_of(rows[j], report.versioned) == heading) block.push_back(&rows[j]);
    }
    std::size_t widths[4] = {4, 6, 8, 3};  // PATH CHANGE EXPECTED GOT
    auto path_of = [](const DriftRow& r) { return r.event.empty() ? r.path : r.event + " " + r.path; };
    for (const DriftRow* r : block) {
      widths[0] = std::max(widths[0], path_of(*r).size());
      widths[1] = std::max(widths[1], change_label(r->kind).size());
      widths[2] = std::max(widths[2], cell(r->expected).size());
      widths[3] = std::max(widths[3], cell(r->got).size());
    }
    auto pad = [](const std::string& text, std::size_t width) { return text + std::string(width - text.size() + 2, ' '); };
    out << "\n" << heading << "\n  " << pad("PATH", widths[0]) << pad("CHANGE", widths[1]) << pad("EXPECTED", widths[2])
        << pad("GOT", widths[3]) << "SEEN  FIRST SEEN\n";
    for (const DriftRow* r : block) {
      out << "  " << pad(path_of(*r), widths[0]) << pad(change_label(r->kind), widths[1])
          << pad(cell(r->expected), widths[2]) << pad(cell(r->got), widths[3]) << pad(std::to_string(r->occurrences), 4)
          << r->first_seen << "\n";
    }
  }
  if (!unchecked.empty()) {
    out << "\nNot checked (no contract applies):\n";
    for (const UncheckedRow& row : unchecked) {
      out << "  " << row.reason << ": " << plural(row.occurrences, "response") << ", first " << row.first_seen << "\n";
    }
  }
  for (const UnreadableFile& file : report.unreadable) out << "\nUnreadable: " << file.message << "\n";
  for (const std::string& warning : report.warnings) out << "\nWarning: " << warning << "\n";

  std::size_t additive = 0;
  std::size_t total = 0;
  for (const DriftRow& row : rows) {
    total += row.occurrences;
    if (row.kind == DriftKind::unknown_field) additive += row.occurrences;
  }
  out << "\n";
  if (total == 0) {
    out << "No drift";
  } else {
    out << plural(total, "drift item") << " (" << additive << " additive, " << total - additive << " breaking) in "
        << responses_with_drift(report) << " of " << plural(report.responses.size(), "response") << ", "
        << plural(rows.size(), "distinct finding");
  }
  std::size_t not_checked = 0;
  for (const UncheckedRow& row : unchecked) not_checked += row.occurrences;
  out << "; " << not_checked << " not checked; " << plural(report.unreadable.size(), "unreadable file") << ".\n";
  return out.str();
}

nlohmann::ordered_json render_json(const CheckReport& report) {
  nlohmann::ordered_json drift = nlohmann::ordered_json::array();
  std::size_t total = 0;
  std::size_t additive = 0;
  for (const DriftRow& row : drift_rows(report)) {
    nlohmann::ordered_json item = {{"endpoint", row.endpoint}, {"api_version", row.api_version}};
    if (!row.event.empty()) item["event"] = row.event;
    item["path"] = row.path;
    item["kind"] = to_string(row.kind);
    item["severity"] = severity(row.kind);
    item["expected"] = row.expected;
    item["got"] = row.got;
    item["occurrences"] = row.occurrences;
    item["first_seen"] = row.first_seen;
    drift.push_back(std::move(item));
    total += row.occurrences;
    if (row.kind == DriftKind::unknown_field) additive += row.occurrences;
  }
  nlohmann::ordered_json unchecked = nlohmann::ordered_json::array();
  for (const UncheckedRow& row : unchecked_rows(report)) {
    unchecked.push_back({{"reason", row.reason}, {"occurrences", row.occurrences}, {"first_seen", row.first_seen}});
  }
  nlohmann::ordered_json unreadable = nlohmann::ordered_json::array();
  for (const UnreadableFile& file : report.unreadable) unreadable.push_back({{"file", file.file}, {"message", file.message}});
  nlohmann::ordered_json skipped = nlohmann::ordered_json::array();
  for (const SkippedFile& file : report.skipped) skipped.push_back({{"file", file.file}, {"reason", file.reason}});
  return {{"contracts", report.contracts},
          {"files", report.files},
          {"responses", report.responses.size()},
          {"responses_with_drift", responses_with_drift(report)},
          {"drift_items", total},
          {"additive", additive},
          {"breaking", total - additive},
          {"drift", std::move(drift)},
          {"unchecked", std::move(unchecked)},
          {"unreadable", std::move(unreadable)},
          {"skipped", std::move(skipped)},
          {"warnings", report.warnings},
          {"exit_status", exit_status(report)}};
}

int exit_status(const CheckReport& report) {
  if (!report.unreadable.empty()) return 2;
  const bool drift = std::any_of(report.responses.begin(), report.responses.end(),
                                 [](const ResponseCheck& c) { return !c.drift.empty(); });
  return drift ? 1 : 0;
}

}  // namespace contracts
